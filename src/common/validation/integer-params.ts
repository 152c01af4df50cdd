import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/**
 * Path and query values arrive as text. Only plain decimal digits become a number: `Number()` would also
 * take "1e3", "0x10" or " 1", which are left as text here and fail the integer rule.
 */
export function ParseDigits(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value,
  );
}

/** An Afilnet id in a path: a positive integer (a group, contact or template id). */
export function IsIdParam(): PropertyDecorator {
  const message = '$property must be a positive integer';
  return applyDecorators(
    ParseDigits(),
    IsInt({ message }),
    Min(1, { message }),
    Max(Number.MAX_SAFE_INTEGER, { message }),
  );
}
