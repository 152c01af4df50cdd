import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsIn, IsOptional } from 'class-validator';
import { ApiWireFormat } from '../../../common/swagger/api-wire-format.decorator.js';
import { INSTANT_RULE, IsInstant, IsNotBefore } from '../../../common/validation/instant.validators.js';
import {
  USAGE_DIMENSIONS,
  type UsageDimension,
} from '../../../database/repositories/usage-reports.repository.js';
import { CHANNELS, type Channel } from '../../../database/schema.js';

const DIMENSION = USAGE_DIMENSIONS.join('|');

/** `groupBy=caller,channel` (or the parameter repeated) as a list; anything else is left for validation to refuse. */
const commaList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.split(',').map((part) => part.trim()) : value;

export class UsageQueryDto {
  @ApiWireFormat({
    required: false,
    description:
      'The dimensions to group by, comma-separated, each once: `caller`, `channel`, `day` (UTC). None: one total row.',
    type: String,
    pattern: `^(${DIMENSION})(,(${DIMENSION})){0,${USAGE_DIMENSIONS.length - 1}}$`,
    example: 'caller,channel,day',
  })
  @IsOptional()
  @Transform(commaList)
  @ArrayUnique({ message: '$property must not repeat a dimension' })
  @ArrayMaxSize(USAGE_DIMENSIONS.length)
  @IsIn(USAGE_DIMENSIONS, {
    each: true,
    message: `$property must list some of ${USAGE_DIMENSIONS.join(', ')}`,
  })
  groupBy: UsageDimension[] = [];

  @ApiPropertyOptional({
    description: `Messages created at or after this instant (default: 30 days before \`until\`); it ${INSTANT_RULE}.`,
    example: '2026-11-01T00:00:00Z',
  })
  @IsOptional()
  @IsInstant()
  since?: string;

  @ApiPropertyOptional({
    description: `Messages created before this instant (default: now), not before \`since\`; it ${INSTANT_RULE}.`,
    example: '2030-01-01T00:00:00Z',
  })
  @IsOptional()
  @IsInstant()
  @IsNotBefore('since')
  until?: string;
}

export class UsageRowDto {
  @ApiPropertyOptional({
    description: 'The API key name (with `groupBy=caller`).',
    type: String,
    nullable: true,
    example: 'billing',
  })
  caller?: string | null;

  @ApiPropertyOptional({
    description: 'The channel (with `groupBy=channel`).',
    enum: CHANNELS,
    example: 'sms',
  })
  channel?: Channel;

  @ApiPropertyOptional({
    description: 'The UTC day, `YYYY-MM-DD` (with `groupBy=day`).',
    example: '2026-11-26',
  })
  day?: string;

  @ApiProperty({ description: 'Messages Afilnet accepted.', example: 12 })
  messages!: number;

  @ApiProperty({ description: 'Credits Afilnet charged for them.', example: 13.5 })
  credits!: number;
}
