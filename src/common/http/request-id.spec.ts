import type { IncomingMessage } from 'node:http';
import { requestIdFor } from './request-id.js';

const withHeader = (value: string | string[] | undefined) =>
  ({ headers: value === undefined ? {} : { 'x-request-id': value } }) as IncomingMessage;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('requestIdFor', () => {
  it("keeps a caller's short, plain X-Request-Id", () => {
    expect(requestIdFor(withHeader('order-42.retry:1_A'))).toBe('order-42.retry:1_A');
    expect(requestIdFor(withHeader('x'.repeat(128)))).toBe('x'.repeat(128));
  });

  it.each([
    ['no header', undefined],
    ['an empty one', ''],
    ['one that could forge a log line', 'abc\ninjected'],
    ['one with spaces', 'two words'],
    ['one over 128 characters', 'x'.repeat(129)],
    ['the header twice', ['a', 'b']],
  ])('makes a new UUID for %s', (_label, value) => {
    expect(requestIdFor(withHeader(value))).toMatch(UUID);
  });
});
