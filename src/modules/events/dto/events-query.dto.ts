import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { INSTANT_RULE, IsInstant, IsNotBefore } from '../../../common/validation/instant.validators.js';
import { PaginationQueryDto } from '../../../common/validation/pagination.dto.js';

export class EventsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({
    description: `Only events at or after this instant (to the second). It ${INSTANT_RULE}.`,
    example: '2026-01-01T00:00:00+01:00',
  })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({
    description: `Only events at or before this instant (to the second), not before \`from\`. It ${INSTANT_RULE}.`,
    example: '2030-12-31T23:59:59Z',
  })
  @IsOptional()
  @IsInstant()
  @IsNotBefore('from')
  to?: string;

  @ApiPropertyOptional({
    description:
      'Only events of this type (Afilnet does not document its event types; the sandbox records e.g. ' +
      '`message.sent`, `group.created`, `contact.added`, and a prefix such as `contact` matches them all).',
    example: 'message.sent',
  })
  @IsOptional()
  @Matches(/^[A-Za-z][A-Za-z0-9_.-]{0,49}$/, {
    message: '$property must be 1 to 50 characters: a letter, then letters, digits, _ . or -',
  })
  type?: string;
}
