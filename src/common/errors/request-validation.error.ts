import type { ValidationError } from 'class-validator';
import type { FieldError } from './problem.js';

/** A request whose body, query or path parameters broke a rule; it never reaches Afilnet. */
export class RequestValidationError extends Error {
  override readonly name = 'RequestValidationError';

  constructor(readonly errors: FieldError[]) {
    super(errors.map((error) => `${error.field}: ${error.message}`).join('; '));
  }

  /**
   * Used as the ValidationPipe's exceptionFactory: nested properties become dotted field paths, array items their
   * index in brackets (`recipients[412].to`).
   */
  static fromValidationErrors(this: void, errors: ValidationError[]): RequestValidationError {
    return new RequestValidationError(flatten(errors, ''));
  }
}

function flatten(errors: ValidationError[], prefix: string): FieldError[] {
  return errors.flatMap((error) => {
    // No DTO property is all digits: such a "property" is an array item's index.
    const field = /^\d+$/.test(error.property)
      ? `${prefix}[${error.property}]`
      : prefix === ''
        ? error.property
        : `${prefix}.${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
