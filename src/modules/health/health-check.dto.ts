import { applyDecorators } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  getSchemaPath,
} from '@nestjs/swagger';

/** One check's state, as its indicator reports it. */
export class HealthIndicatorDto {
  @ApiProperty({ enum: ['up', 'down'], example: 'up' })
  status!: 'up' | 'down';

  @ApiPropertyOptional({
    description: 'When Afilnet last answered (the `afilnet` check).',
    format: 'date-time',
    example: '2026-11-26T10:00:00.000Z',
  })
  checkedAt?: string;

  @ApiPropertyOptional({ description: 'Why the check is down.', example: 'Afilnet not reachable' })
  reason?: string;
}

function checks(description: string) {
  return ApiProperty({
    description,
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(HealthIndicatorDto) },
  });
}

/** The 200 body of the health routes (@nestjs/terminus' result), every check up. */
export class HealthCheckDto {
  @ApiProperty({ enum: ['ok'], example: 'ok' })
  status!: 'ok';

  @checks('The checks that are up, by name (`afilnet`, and `redis` with `REDIS_URL`).')
  info!: Record<string, HealthIndicatorDto>;

  @checks('The checks that are down: none, when the answer is 200.')
  error!: Record<string, HealthIndicatorDto>;

  @checks('Every check, by name.')
  details!: Record<string, HealthIndicatorDto>;
}

export function ApiHealthyResponse(description: string): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(HealthIndicatorDto),
    ApiOkResponse({ description, type: HealthCheckDto }),
  );
}
