import { dispatch } from '../sandbox.dispatcher.js';
import { SandboxState } from '../sandbox.state.js';

const CREDENTIALS = { user: 'u', password: 'p' };

interface Country {
  iso: string;
  name: string;
  prefix: string;
  price: number | null;
}

describe('the country simulator', () => {
  const reply = dispatch(
    { class: 'country', method: 'getcountries', ...CREDENTIALS },
    CREDENTIALS,
    new SandboxState({ initialBalance: 100 }),
  ) as { result: Country[] };

  it('lists the real ISO 3166 countries, sorted by name', () => {
    const byIso = new Map(reply.result.map((country) => [country.iso, country]));
    expect(reply.result.length).toBeGreaterThan(240);
    expect(byIso.get('ES')).toEqual({ iso: 'ES', name: 'Spain', prefix: '34', price: 1 });
    expect(byIso.get('US')).toMatchObject({ name: 'United States', prefix: '1' });
    expect(byIso.get('JP')).toMatchObject({ prefix: '81', price: 1.5 });
    const names = reply.result.map((country) => country.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
  });

  it('has no price for Antarctica', () => {
    expect(reply.result.find((country) => country.iso === 'AQ')?.price).toBeNull();
  });
});
