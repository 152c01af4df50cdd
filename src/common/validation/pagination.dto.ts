import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ParseDigits } from './integer-params.js';

export const MAX_PAGE = 10_000;
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** `?page=&pageSize=` for list endpoints: bounded, so no request can ask Afilnet for everything at once. */
export class PaginationQueryDto {
  @ApiPropertyOptional({
    description: `Page number, from 1 (at most ${MAX_PAGE}).`,
    type: 'integer',
    minimum: 1,
    maximum: MAX_PAGE,
    default: 1,
    example: 1,
  })
  @IsOptional()
  @ParseDigits()
  @IsInt({ message: '$property must be an integer' })
  @Min(1)
  @Max(MAX_PAGE)
  page: number = 1;

  @ApiPropertyOptional({
    description: `Items per page, 1 to ${MAX_PAGE_SIZE}.`,
    type: 'integer',
    minimum: 1,
    maximum: MAX_PAGE_SIZE,
    default: DEFAULT_PAGE_SIZE,
    example: DEFAULT_PAGE_SIZE,
  })
  @IsOptional()
  @ParseDigits()
  @IsInt({ message: '$property must be an integer' })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize: number = DEFAULT_PAGE_SIZE;
}
