import type { ManualClock } from '../../src/common/clock/clock.js';
import type { CodeDestination } from '../../src/modules/otp/code-destination.js';
import type {
  CodeLimits,
  CodeSend,
  VerificationRecord,
  VerificationStore,
} from '../../src/modules/verifications/verification.store.js';

export const CONTRACT_LIMITS: CodeLimits = {
  maxSends: 5,
  windowMs: 60_000,
  maxAttempts: 5,
  codeLifetimeMs: 24 * 60 * 60_000,
};

export interface StoreUnderTest {
  store: VerificationStore;
  clock: ManualClock;
}

/**
 * What every `VerificationStore` must do, run against the in-memory one (unit) and the Redis one (against a real
 * Redis). `number(n)` gives destinations no earlier run has used: a shared Redis keeps its counters between runs.
 */
export function verificationStoreContract(
  make: (limits: CodeLimits) => Promise<StoreUnderTest> | StoreUnderTest,
  number: (n: number) => string,
): void {
  let store: VerificationStore;
  let clock: ManualClock;
  let serial = 0;

  beforeEach(async () => {
    ({ store, clock } = await make(CONTRACT_LIMITS));
  });

  const to = (exact: string): CodeDestination => ({ key: `mobile:${exact}`, exact });
  const verification = (destination: string): VerificationRecord => {
    serial += 1;
    return {
      id: `VE${String(serial).padStart(4, '0')}${number(serial).padStart(28, '0')}`,
      destination,
      type: 'mobile',
      status: 'sending',
      attempts: 0,
      expiresAt: clock.now() + 10 * 60_000,
      apiKeyName: 'alpha',
    };
  };
  const plainSend = (destination: string): CodeSend => {
    serial += 1;
    return { id: `send-${serial}-${number(serial)}`, destination: to(destination) };
  };
  const verificationSend = (destination: string): CodeSend => {
    const record = verification(destination);
    return { id: record.id, destination: to(destination), verification: record };
  };

  /** A verification started and accepted by Afilnet: pending, holding the destination's code. */
  async function started(destination: string): Promise<VerificationRecord> {
    const send = verificationSend(destination);
    expect(await store.beginSend(send)).toEqual({ admitted: true });
    const record = await store.completeSend(send);
    expect(record?.status).toBe('pending');
    return record!;
  }

  it('admits sends to a destination in a sliding window, not a fixed one', async () => {
    const destination = number(1);
    expect(await store.beginSend(plainSend(destination))).toEqual({ admitted: true });
    clock.advance(58_000);
    for (let send = 0; send < 4; send += 1)
      expect(await store.beginSend(plainSend(destination))).toEqual({ admitted: true });

    expect(await store.beginSend(plainSend(destination))).toEqual({ admitted: false, retryAfterMs: 2_000 });
    expect(await store.beginSend(plainSend(number(2)))).toEqual({ admitted: true });
    clock.advance(2_000);
    // The first send has left the window, the four sent at 58 s have not: one more, then none until they leave.
    expect(await store.beginSend(plainSend(destination))).toEqual({ admitted: true });
    expect(await store.beginSend(plainSend(destination))).toEqual({
      admitted: false,
      retryAfterMs: 58_000,
    });
  });

  it('counts verification starts and plain sends in one window per destination', async () => {
    const destination = number(3);
    for (let send = 0; send < 3; send += 1) await store.beginSend(plainSend(destination));
    await started(destination);
    await store.beginSend(verificationSend(destination));

    expect((await store.beginSend(plainSend(destination))).admitted).toBe(false);
    expect((await store.beginSend(verificationSend(destination))).admitted).toBe(false);
  });

  it('lets no more checks through than the budget, however many arrive at once', async () => {
    const destination = to(number(4));
    const send = plainSend(destination.exact);
    await store.beginSend(send);
    await store.completeSend(send);

    const results = await Promise.all(Array.from({ length: 20 }, () => store.reserveCodeCheck(destination)));

    expect(results.filter((result) => result.outcome === 'counted')).toHaveLength(5);
    expect(results.filter((result) => result.outcome === 'exhausted')).toHaveLength(15);
  });

  it('shares the budget between plain checks and the verification holding the code; a new code resets it', async () => {
    const destination = number(5);
    const record = await started(destination);
    for (let check = 0; check < 3; check += 1) await store.reserveCodeCheck(to(destination));

    expect((await store.find(record.id))?.attempts).toBe(3);
    const counted = await store.reserveVerificationCheck(record);
    expect(counted).toEqual({ outcome: 'counted', record: expect.objectContaining({ attempts: 4 }) });
    await store.reserveCodeCheck(to(destination));
    const refused = await store.reserveVerificationCheck(record);
    expect(refused).toEqual({
      outcome: 'refused',
      record: expect.objectContaining({ status: 'max_attempts_reached', attempts: 5 }),
    });
    expect(await store.reserveCodeCheck(to(destination))).toEqual({ outcome: 'exhausted' });

    const next = await started(destination);
    expect(next.attempts).toBe(0);
    expect(await store.reserveCodeCheck(to(destination))).toEqual({ outcome: 'counted', attempts: 1 });
  });

  it('counts checks of a destination whose code it never saw sent', async () => {
    const destination = to(number(6));
    for (let check = 1; check <= 5; check += 1)
      expect(await store.reserveCodeCheck(destination)).toEqual({ outcome: 'counted', attempts: check });
    expect(await store.reserveCodeCheck(destination)).toEqual({ outcome: 'exhausted' });
  });

  it('supersedes the earlier verification when a new code is sent; it is never checked nor approved again', async () => {
    const destination = number(7);
    const first = await started(destination);
    const second = await started(destination);

    expect(await store.find(first.id)).toEqual(
      expect.objectContaining({ status: 'canceled', reason: 'superseded' }),
    );
    expect(await store.reserveVerificationCheck(first)).toEqual({
      outcome: 'refused',
      record: expect.objectContaining({ status: 'canceled', reason: 'superseded' }),
    });
    expect(await store.settle(first, 'approved')).toEqual(
      expect.objectContaining({ status: 'canceled', reason: 'superseded' }),
    );
    expect((await store.find(second.id))?.status).toBe('pending');
  });

  it('supersedes on a plain send too, from the moment it begins', async () => {
    const destination = number(8);
    const record = await started(destination);
    const counted = await store.reserveVerificationCheck(record);
    expect(counted.outcome).toBe('counted');

    await store.beginSend(plainSend(destination));

    // Afilnet answered "valid" for a check that was in flight: the new code may be what it approved.
    expect(await store.settle(record, 'approved')).toEqual(
      expect.objectContaining({ status: 'canceled', reason: 'superseded' }),
    );
  });

  it('cancels a start that a newer one overtook while it was being sent', async () => {
    const destination = number(9);
    const older = verificationSend(destination);
    const newer = verificationSend(destination);
    await store.beginSend(older);
    await store.beginSend(newer);

    expect(await store.completeSend(older)).toEqual(
      expect.objectContaining({ status: 'canceled', reason: 'superseded' }),
    );
    expect(await store.completeSend(newer)).toEqual(expect.objectContaining({ status: 'pending' }));
  });

  it('keeps a sending verification out of checks', async () => {
    const send = verificationSend(number(10));
    await store.beginSend(send);

    expect((await store.find(send.id))?.status).toBe('sending');
    expect((await store.reserveVerificationCheck(send.verification!)).outcome).toBe('refused');
  });

  it('restores the destination when Afilnet refused the send', async () => {
    const destination = number(11);
    const record = await started(destination);
    await store.reserveCodeCheck(to(destination));
    const refused = verificationSend(destination);
    await store.beginSend(refused);

    await store.cancelSend(refused);

    expect(await store.find(refused.id)).toBeUndefined();
    expect(await store.find(record.id)).toEqual(expect.objectContaining({ status: 'pending', attempts: 1 }));
  });

  it('does not check a destination spelled differently from where its latest code went', async () => {
    const sent = plainSend('victim+1@example.com');
    const mailbox = (exact: string): CodeDestination => ({
      key: `email:victim-${number(12)}@example.com`,
      exact,
    });
    await store.beginSend({ ...sent, destination: mailbox('victim+1@example.com') });
    await store.completeSend({ ...sent, destination: mailbox('victim+1@example.com') });

    expect(await store.reserveCodeCheck(mailbox('victim+2@example.com'))).toEqual({ outcome: 'superseded' });
    expect(await store.reserveCodeCheck(mailbox('victim+1@example.com'))).toEqual({
      outcome: 'counted',
      attempts: 1,
    });
  });

  it('settles a pending verification once; later settlements change nothing', async () => {
    const record = await started(number(13));

    expect((await store.settle(record, 'approved'))?.status).toBe('approved');
    expect((await store.settle(record, 'canceled'))?.status).toBe('approved');
  });

  it('refuses checks of an expired verification', async () => {
    const record = await started(number(14));
    clock.advance(10 * 60_000);

    expect((await store.reserveVerificationCheck(record)).outcome).toBe('refused');
  });

  it('reports unknown verifications', async () => {
    const record = verification(number(15));

    expect(await store.find(record.id)).toBeUndefined();
    expect(await store.reserveVerificationCheck(record)).toEqual({ outcome: 'missing' });
    expect(await store.settle(record, 'canceled')).toBeUndefined();
  });
}
