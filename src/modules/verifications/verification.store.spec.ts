import {
  EXPIRED_RETENTION_MS,
  MemoryVerificationStore,
  type VerificationRecord,
} from './verification.store.js';

const record = (overrides: Partial<VerificationRecord> = {}): VerificationRecord => ({
  id: 'VE0123456789abcdef0123456789abcdef',
  destination: '34600000000',
  type: 'mobile',
  status: 'pending',
  attempts: 0,
  expiresAt: Date.now() + 60_000,
  apiKeyName: 'alpha',
  ...overrides,
});

describe('MemoryVerificationStore', () => {
  it('counts no more attempts than allowed, however many checks arrive at once', async () => {
    const store = new MemoryVerificationStore(100);
    await store.create(record());

    const results = await Promise.all(
      Array.from({ length: 20 }, () => store.recordAttempt(record().id, 5, Date.now())),
    );

    expect(results.filter((result) => result.outcome === 'counted')).toHaveLength(5);
    expect((await store.find(record().id))?.attempts).toBe(5);
  });

  it('refuses attempts on settled or expired verifications and reports unknown ones', async () => {
    const store = new MemoryVerificationStore(100);
    await store.create(record({ id: 'VEa', status: 'approved' }));
    await store.create(record({ id: 'VEb', expiresAt: Date.now() - 1 }));

    expect((await store.recordAttempt('VEa', 5, Date.now())).outcome).toBe('refused');
    expect((await store.recordAttempt('VEb', 5, Date.now())).outcome).toBe('refused');
    expect((await store.recordAttempt('VEc', 5, Date.now())).outcome).toBe('missing');
  });

  it('settles a pending verification once; later settlements change nothing', async () => {
    const store = new MemoryVerificationStore(100);
    await store.create(record());

    expect((await store.settle(record().id, 'approved'))?.status).toBe('approved');
    expect((await store.settle(record().id, 'canceled'))?.status).toBe('approved');
  });

  it('drops a verification once its expiry and retention have passed', async () => {
    const store = new MemoryVerificationStore(100);
    await store.create(record({ expiresAt: Date.now() - EXPIRED_RETENTION_MS - 1000 }));
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(await store.find(record().id)).toBeUndefined();
  });

  it('allows a number of starts per destination in a fixed window, then says how long to wait', async () => {
    const store = new MemoryVerificationStore(100);
    const now = Date.now();

    const allowed = [];
    for (let start = 0; start < 3; start += 1)
      allowed.push(await store.countStart('mobile:346', 3, 60_000, now));
    const refused = await store.countStart('mobile:346', 3, 60_000, now + 10_000);
    const other = await store.countStart('mobile:347', 3, 60_000, now + 10_000);
    const nextWindow = await store.countStart('mobile:346', 3, 60_000, now + 60_000);

    expect(allowed.every((result) => result.allowed)).toBe(true);
    expect(refused).toEqual({ allowed: false, retryAfterMs: 50_000 });
    expect(other.allowed).toBe(true);
    expect(nextWindow.allowed).toBe(true);
  });
});
