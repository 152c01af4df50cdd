import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, Matches } from 'class-validator';
import { ApiWireFormat } from '../../../common/swagger/api-wire-format.decorator.js';

export const MAX_STATUS_IDS = 100;
const MESSAGE_ID = '[1-9]\\d{0,17}';
/** The list as sent: ids split at commas, each trimmed (uniqueness is checked after the split). */
const ID_LIST = `^\\s*${MESSAGE_ID}\\s*(,\\s*${MESSAGE_ID}\\s*){0,${MAX_STATUS_IDS - 1}}$`;

/** `?ids=1,2,3`; a repeated `ids` parameter is read as one list too. */
function toIdList({ value }: { value: unknown }): unknown {
  if (typeof value === 'string') return value.split(',').map((id) => id.trim());
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    return value.flatMap((item) => item.split(',').map((id) => id.trim()));
  }
  return value;
}

export class DeliveryStatusQueryDto {
  @ApiWireFormat({
    description: `Message ids from earlier sends, comma-separated: 1 to ${MAX_STATUS_IDS} positive integers, no repeats.`,
    type: String,
    pattern: ID_LIST,
    example: '1,2',
  })
  @Transform(toIdList)
  @IsArray({ message: 'ids must be a comma-separated list of message ids' })
  @ArrayMinSize(1, { message: `ids must list 1 to ${MAX_STATUS_IDS} message ids` })
  @ArrayMaxSize(MAX_STATUS_IDS, { message: `ids must list 1 to ${MAX_STATUS_IDS} message ids` })
  @ArrayUnique({ message: 'ids must not repeat an id' })
  @Matches(/^[1-9]\d{0,17}$/, { each: true, message: 'ids must be positive integers, e.g. 1,2' })
  ids!: string[];
}
