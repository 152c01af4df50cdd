import {
  CONTRACT_LIMITS,
  verificationStoreContract,
} from '../../../test/support/verification-store-contract.js';
import { ManualClock } from '../../common/clock/clock.js';
import {
  EXPIRED_RETENTION_MS,
  MemoryVerificationStore,
  type VerificationRecord,
} from './verification.store.js';

const number = (n: number) => `3460000${String(n).padStart(4, '0')}`;

describe('MemoryVerificationStore', () => {
  verificationStoreContract((limits) => {
    const clock = new ManualClock();
    return { store: new MemoryVerificationStore(100, limits, clock), clock };
  }, number);

  it('drops a verification once its expiry and retention have passed, on the injected clock', async () => {
    const clock = new ManualClock();
    const store = new MemoryVerificationStore(100, CONTRACT_LIMITS, clock);
    const record: VerificationRecord = {
      id: 'VE0123456789abcdef0123456789abcdef',
      destination: '34600000000',
      type: 'mobile',
      status: 'pending',
      attempts: 0,
      expiresAt: clock.now() + 60_000,
      apiKeyName: null,
    };
    await store.create(record);

    clock.advance(60_000 + EXPIRED_RETENTION_MS - 1);
    expect((await store.find(record.id))?.id).toBe(record.id);
    clock.advance(2);
    expect(await store.find(record.id)).toBeUndefined();
  });

  it("keeps a destination's spent budget for the longest a code can live", async () => {
    const clock = new ManualClock();
    const store = new MemoryVerificationStore(100, CONTRACT_LIMITS, clock);
    const destination = { key: 'mobile:34600000001', exact: '34600000001' };
    for (let check = 0; check < CONTRACT_LIMITS.maxAttempts; check += 1)
      await store.reserveCodeCheck(destination);

    clock.advance(CONTRACT_LIMITS.codeLifetimeMs - 1);
    expect(await store.reserveCodeCheck(destination)).toEqual({ outcome: 'exhausted' });
    clock.advance(2);
    expect(await store.reserveCodeCheck(destination)).toEqual({ outcome: 'counted', attempts: 1 });
  });

  it('fails closed when a destination state was evicted: its pending verification reads as superseded', async () => {
    const clock = new ManualClock();
    const store = new MemoryVerificationStore(100, CONTRACT_LIMITS, clock);
    const record: VerificationRecord = {
      id: 'VE00000000000000000000000000000abc',
      destination: '34600000002',
      type: 'mobile',
      status: 'pending',
      attempts: 0,
      expiresAt: clock.now() + 60_000,
      apiKeyName: null,
    };
    await store.create(record);
    // Other destinations push this one's state out of the bounded cache (verifications have a cache of their own).
    for (let other = 0; other < 100; other += 1)
      await store.reserveCodeCheck({ key: `mobile:3470000${other}`, exact: `3470000${other}` });

    expect(await store.find(record.id)).toEqual(
      expect.objectContaining({ status: 'canceled', reason: 'superseded' }),
    );
  });
});
