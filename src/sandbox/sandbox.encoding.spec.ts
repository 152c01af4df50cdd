import { parsePairs, renderTemplate } from './sandbox.encoding.js';

describe('parsePairs', () => {
  it('reads key:value lists, a value keeping anything after the first colon', () => {
    expect({ ...parsePairs('name:Ana,mobile:34600000000') }).toEqual({ name: 'Ana', mobile: '34600000000' });
    expect({ ...parsePairs('') }).toEqual({});
  });

  it('refuses a pair without a key', () => {
    expect(parsePairs('name:Ana,oops')).toBeUndefined();
    expect(parsePairs(':Ana')).toBeUndefined();
  });
});

describe('renderTemplate', () => {
  it('fills placeholders case-insensitively and leaves unknown ones', () => {
    expect(renderTemplate('Hi <Name>, code <code>, <missing>', { name: 'Ana', CODE: '42' })).toBe(
      'Hi Ana, code 42, <missing>',
    );
  });
});
