import { applyDecorators } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';

export const WIRE_FORMAT = 'openapi:wire-format';

/**
 * Documents a property whose `@Transform` reshapes what the caller sends (`?ids=1,2` read as a list) by its wire
 * form, written here in full: its validation rules describe the reshaped value, so the document builder does not
 * add them to the schema (src/openapi/validation-rules.ts).
 */
export function ApiWireFormat(options: ApiPropertyOptions): PropertyDecorator {
  const wireFormat: PropertyDecorator = (target, key) =>
    Reflect.defineMetadata(WIRE_FORMAT, true, target, key);
  return applyDecorators(ApiProperty(options), wireFormat);
}
