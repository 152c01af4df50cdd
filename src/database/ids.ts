import { monotonicFactory } from 'ulid';

/**
 * Every id the database layer hands out is `<prefix>_<ULID>`: unique without coordination between instances,
 * and ordered by creation time (to the millisecond across instances, strictly within one), so that "newest
 * first" is "id descending" and an id is a stable pagination cursor. The ULID's time is the injected clock's.
 */
export const ID_PREFIXES = {
  message: 'msg',
  webhookEndpoint: 'ep',
  webhookDelivery: 'evt',
  webhookAttempt: 'att',
  batch: 'bat',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

// One generator per process: ids made in the same millisecond still increase.
const nextUlid = monotonicFactory();

export function newId(kind: IdKind, now: number): string {
  return `${ID_PREFIXES[kind]}_${nextUlid(now)}`;
}

/** Whether `value` has the shape of an id of this kind (a check of form only, for input validation). */
export function isId(kind: IdKind, value: string): boolean {
  return new RegExp(`^${ID_PREFIXES[kind]}_[0-9A-HJKMNP-TV-Z]{26}$`).test(value);
}
