import { eventually } from '../../../test/support/eventually.js';
import { expectProblem, startSlice, type Slice } from '../../../test/unit/slice.js';
import { CountriesModule } from './countries.module.js';

const LIST = {
  list: [
    { iso: 'es', name: 'Spain', prefix: '+34', price: '0.05' },
    { countrycode: 'AQ', name: 'Antarctica', phonecode: '672' },
  ],
};
const COUNTRIES = [
  { code: 'ES', name: 'Spain', dialCode: '34', price: 0.05 },
  { code: 'AQ', name: 'Antarctica', dialCode: '672', price: null },
];

describe('countries controller (slice: real pipes and filter, fake Afilnet, manual clock)', () => {
  let slice: Slice;

  beforeAll(async () => {
    slice = await startSlice({ imports: [CountriesModule], env: { COUNTRIES_CACHE_TTL_SECONDS: '60' } });
  });

  afterAll(() => slice.close());

  beforeEach(() => slice.afilnet.reset());

  it('serves the list from memory until the TTL has passed on the clock, saying how long in Cache-Control', async () => {
    slice.clock.advance(3_600_000);
    slice.afilnet.answers('country.list', LIST);
    slice.afilnet.answers('country.list', { list: [] });

    const first = await slice.request('GET', '/v1/countries');
    slice.clock.advance(20_500);
    const cached = await slice.request('GET', '/v1/countries');
    slice.clock.advance(39_500);
    const refreshed = await slice.request('GET', '/v1/countries');

    expect([first.status, first.body, first.headers['cache-control']]).toEqual([
      200,
      COUNTRIES,
      'public, max-age=60',
    ]);
    expect([cached.body, cached.headers['cache-control']]).toEqual([COUNTRIES, 'public, max-age=40']);
    expect([refreshed.body, refreshed.headers['cache-control']]).toEqual([[], 'public, max-age=60']);
    expect(slice.afilnet.calls).toEqual([
      { operation: 'country.list', params: {} },
      { operation: 'country.list', params: {} },
    ]);
  });

  it('shares one upstream call between requests that arrive while it is running', async () => {
    slice.clock.advance(3_600_000);
    const release = slice.afilnet.holds('country.list', LIST);

    const answers = Promise.all([
      slice.request('GET', '/v1/countries'),
      slice.request('GET', '/v1/countries'),
    ]);
    await eventually(() => expect(slice.afilnet.calls).toHaveLength(1));
    release();

    expect((await answers).map((answer): unknown => answer.body)).toEqual([COUNTRIES, COUNTRIES]);
    expect(slice.afilnet.calls).toHaveLength(1);
  });

  it('does not keep a failed call: the next request asks again', async () => {
    slice.clock.advance(3_600_000);
    slice.afilnet.failsInTransport('country.list', 'timeout');
    slice.afilnet.answers('country.list', LIST);

    const failed = await slice.request('GET', '/v1/countries');
    const retried = await slice.request('GET', '/v1/countries');

    expectProblem(failed, 504, 'UPSTREAM_TIMEOUT');
    expect(retried.body).toEqual(COUNTRIES);
  });

  it('answers a list that is not a list of countries 502 UPSTREAM_BAD_RESPONSE', async () => {
    slice.clock.advance(3_600_000);
    slice.afilnet.answers('country.list', ['ES']);

    expectProblem(await slice.request('GET', '/v1/countries'), 502, 'UPSTREAM_BAD_RESPONSE');
  });
});

describe('countries controller with the cache off (TTL 0)', () => {
  let slice: Slice;

  beforeAll(async () => {
    slice = await startSlice({ imports: [CountriesModule], env: { COUNTRIES_CACHE_TTL_SECONDS: '0' } });
  });

  afterAll(() => slice.close());

  it('asks Afilnet every time and says max-age=0', async () => {
    slice.afilnet.answers('country.list', LIST).answers('country.list', LIST);

    const first = await slice.request('GET', '/v1/countries');
    await slice.request('GET', '/v1/countries');

    expect(first.headers['cache-control']).toBe('public, max-age=0');
    expect(slice.afilnet.calls).toHaveLength(2);
  });
});
