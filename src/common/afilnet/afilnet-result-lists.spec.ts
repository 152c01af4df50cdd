import { idOrNull, listOf, pageOf } from './afilnet-result-lists.js';

describe('listOf', () => {
  it('reads a bare array or an object holding it under list', () => {
    expect(listOf([1, 2])).toEqual([1, 2]);
    expect(listOf({ list: ['a'], total: 1 })).toEqual(['a']);
  });

  it.each([null, undefined, 'a,b', 5, {}, { list: 'a' }])('answers undefined for %p', (result) => {
    expect(listOf(result)).toBeUndefined();
  });
});

describe('pageOf', () => {
  const letters = ['a', 'b', 'c', 'd', 'e'];

  it('keeps a page Afilnet cut itself, with the total it reports', () => {
    expect(pageOf({ list: ['c', 'd'], total: '5' }, { page: 2, pageSize: 2 })).toEqual({
      items: ['c', 'd'],
      total: 5,
    });
  });

  it('has no total when Afilnet gives none', () => {
    expect(pageOf(['a'], { page: 1, pageSize: 20 })).toEqual({ items: ['a'], total: null });
  });

  it('cuts the page itself when Afilnet ignored the page parameters and sent the whole list', () => {
    expect(pageOf(letters, { page: 2, pageSize: 2 })).toEqual({ items: ['c', 'd'], total: 5 });
    expect(pageOf({ list: letters }, { page: 3, pageSize: 2 })).toEqual({ items: ['e'], total: 5 });
    expect(pageOf(letters, { page: 4, pageSize: 2 })).toEqual({ items: [], total: 5 });
  });

  it('answers undefined for a result that is not a list', () => {
    expect(pageOf({ contacts: letters }, { page: 1, pageSize: 2 })).toBeUndefined();
  });
});

describe('idOrNull', () => {
  it('reads positive integer ids given as numbers or text', () => {
    expect([idOrNull(7), idOrNull('42')]).toEqual([7, 42]);
  });

  it.each([0, -1, 1.5, '1.5', 'abc', '', null, undefined, {}, 2 ** 60])('answers null for %p', (value) => {
    expect(idOrNull(value)).toBeNull();
  });
});
