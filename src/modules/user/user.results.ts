import { idOrNull } from '../../common/afilnet/afilnet-result-lists.js';
import type { AddressAddedDto } from './dto/address-added.dto.js';

/** Where the new address's id may be, in the style of Afilnet's other ids (`idgroup`, `idtemplate`). */
const ID_FIELDS: readonly string[] = ['idaddress', 'id'];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * addaddress's result is not documented. The shapes the gateway knows — nothing, an empty object, a bare id or
 * an object holding only the id — are read into `id`; any other result is kept verbatim under `raw`.
 */
export function readAddressResult(result: unknown): AddressAddedDto {
  if (result === undefined || result === null || result === '') return { id: null, raw: null };
  if (!isObject(result)) {
    const id = typeof result === 'number' || typeof result === 'string' ? idOrNull(result) : null;
    return id === null ? { id: null, raw: result } : { id, raw: null };
  }
  const idField = ID_FIELDS.find((name) => name in result);
  const id = idField === undefined ? null : idOrNull(result[idField]);
  const onlyTheId =
    Object.keys(result).every((name) => ID_FIELDS.includes(name)) && (idField === undefined || id !== null);
  return { id, raw: onlyTheId ? null : result };
}
