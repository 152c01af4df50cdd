import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { MAX_PAGE_LIMIT } from '../../database/pagination.js';
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

export const DEFAULT_CURSOR_PAGE = 50;

/** `?limit=&cursor=` for the gateway's own lists, newest first, a page at a time (`database/pagination.ts`). */
export class CursorPageQueryDto {
  @ApiPropertyOptional({
    description: `Items per page, 1 to ${MAX_PAGE_LIMIT}.`,
    type: 'integer',
    minimum: 1,
    maximum: MAX_PAGE_LIMIT,
    default: DEFAULT_CURSOR_PAGE,
    example: DEFAULT_CURSOR_PAGE,
  })
  @IsOptional()
  @ParseDigits()
  @IsInt({ message: '$property must be an integer' })
  @Min(1)
  @Max(MAX_PAGE_LIMIT)
  limit: number = DEFAULT_CURSOR_PAGE;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page.' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,100}$/, { message: '$property must be a nextCursor this route answered' })
  cursor?: string;
}
