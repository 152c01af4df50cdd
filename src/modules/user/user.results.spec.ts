import { readAddressResult } from './user.results.js';

describe("reading addaddress's undocumented result", () => {
  it.each([
    ['no result', undefined, { id: null, raw: null }],
    ['null', null, { id: null, raw: null }],
    ['an empty text', '', { id: null, raw: null }],
    ['an empty object', {}, { id: null, raw: null }],
    ['an object with the id as text', { id: '42' }, { id: 42, raw: null }],
    ['an object with idaddress', { idaddress: 7 }, { id: 7, raw: null }],
    ['a bare numeric id', 9, { id: 9, raw: null }],
    ['a bare id as text', '9', { id: 9, raw: null }],
  ])('reads %s as the id alone', (_label, result, expected) => {
    expect(readAddressResult(result)).toEqual(expected);
  });

  it.each([
    ['an id with more fields', { idaddress: '7', verified: 0 }, 7],
    ['an id that is not one', { id: 'abc' }, null],
    ['other fields only', { status: 'pending' }, null],
    ['a word', 'OK', null],
    ['a boolean', true, null],
    ['a list', [{ id: 1 }], null],
    ['a negative number', -1, null],
  ])('keeps %s verbatim under raw', (_label, result, id) => {
    expect(readAddressResult(result)).toEqual({ id, raw: result });
  });
});
