import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GATEWAY_ERRORS, type GatewayErrorCode } from '../errors/error-codes.js';
import type { FieldError, Problem, UpstreamErrorInfo } from '../errors/problem.js';

class FieldErrorSchema implements FieldError {
  @ApiProperty({ description: 'The offending field, dotted for nested ones.', example: 'destination' })
  field!: string;

  @ApiProperty({ description: 'The rule it broke.', example: 'destination must be 8 to 15 digits' })
  message!: string;
}

class UpstreamErrorSchema implements UpstreamErrorInfo {
  @ApiProperty({ description: 'Afilnet class called.', example: 'sms' })
  class!: string;

  @ApiProperty({ description: 'Afilnet method called.', example: 'sendsms' })
  method!: string;

  @ApiProperty({
    description:
      "Afilnet's error code when what it sent is shaped like one (`[A-Z0-9_]{1,64}`); `UNRECOGNISED` otherwise (a " +
      'redacted, truncated excerpt of its text is then in `detail`).',
    example: 'NO_CREDITS',
  })
  error!: string;
}

/** The `application/problem+json` body of every error (RFC 9457, API.md §4). */
export class ProblemSchema implements Problem {
  @ApiProperty({
    description: 'URI naming the kind of problem.',
    example: 'urn:afilnet-gateway:problem:validation-failed',
  })
  type!: string;

  @ApiProperty({
    description: 'Short human summary of the kind of problem.',
    example: 'The request is not valid',
  })
  title!: string;

  @ApiProperty({ description: 'HTTP status code.', example: 400 })
  status!: number;

  @ApiProperty({ description: 'What went wrong in this request.', example: 'Invalid field: destination.' })
  detail!: string;

  @ApiProperty({
    description: 'Stable machine-readable code.',
    enum: Object.keys(GATEWAY_ERRORS),
    example: 'VALIDATION_FAILED',
  })
  code!: GatewayErrorCode;

  @ApiProperty({
    description: 'Correlation id, also in the X-Request-Id header and the logs.',
    example: 'b2f1c7e0',
  })
  requestId!: string;

  @ApiPropertyOptional({
    type: [FieldErrorSchema],
    description: 'Per-field rule violations (VALIDATION_FAILED).',
  })
  errors?: FieldErrorSchema[];

  @ApiPropertyOptional({ type: UpstreamErrorSchema, description: 'The Afilnet call and its error code.' })
  upstream?: UpstreamErrorSchema;
}
