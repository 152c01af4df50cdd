import { ADDRESS_LIMIT, OUTBOX_LIMIT, PENDING_OTP_LIMIT, SandboxState } from './sandbox.state.js';

const T0 = Date.parse('2026-11-26T10:00:00.000Z');

function message(destination: string, channel = 'sms') {
  return { channel, destination, text: 'hello', credits: 1 };
}

function address(name: string) {
  return {
    name,
    isCompany: false,
    companyName: null,
    documentId: null,
    countryCode: null,
    cityId: null,
    cityName: null,
    zipCode: null,
    address: null,
  };
}

describe('SandboxState', () => {
  it('charges while the balance covers the credits, and leaves it alone when not', () => {
    const state = new SandboxState({ initialBalance: 2 });
    expect(state.charge(1.5)).toBe(true);
    expect(state.balance).toBe(0.5);
    expect(state.charge(1)).toBe(false);
    expect(state.balance).toBe(0.5);
    expect(state.charge(0.5)).toBe(true);
    expect(state.charge(0)).toBe(true);
    expect(state.balance).toBe(0);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses to charge %p credits', (credits) => {
    const state = new SandboxState({ initialBalance: 10 });
    expect(() => state.charge(credits)).toThrow(RangeError);
    expect(state.balance).toBe(10);
  });

  it.each([-1, Number.NaN])('refuses an initial balance of %p', (initialBalance) => {
    expect(() => new SandboxState({ initialBalance })).toThrow(RangeError);
  });

  it('records messages newest first with increasing ids and the clock’s time', () => {
    let clock = T0;
    const state = new SandboxState({ initialBalance: 0, now: () => clock });
    state.recordMessage(message('1'));
    clock += 1;
    state.recordMessage(message('2', 'email'));
    expect(state.outbox()).toEqual([
      { ...message('2', 'email'), id: '2', createdAt: '2026-11-26T10:00:00.001Z' },
      { ...message('1'), id: '1', createdAt: '2026-11-26T10:00:00.000Z' },
    ]);
    expect(state.outbox('sms').map((m) => m.id)).toEqual(['1']);
  });

  it(`keeps only the last ${OUTBOX_LIMIT} messages`, () => {
    const state = new SandboxState({ initialBalance: 0 });
    for (let i = 1; i <= OUTBOX_LIMIT + 5; i += 1) state.recordMessage(message(String(i)));
    const kept = state.outbox();
    expect(kept).toHaveLength(OUTBOX_LIMIT);
    expect(kept[0].id).toBe(String(OUTBOX_LIMIT + 5));
    expect(kept.at(-1)?.id).toBe('6');
  });

  it('hands out a copy of the outbox', () => {
    const state = new SandboxState({ initialBalance: 0 });
    state.recordMessage(message('1'));
    (state.outbox() as unknown[]).length = 0;
    expect(state.outbox()).toHaveLength(1);
  });

  it('finds a pending code whatever the case of the e-mail address', () => {
    const state = new SandboxState({ initialBalance: 0 });
    state.savePendingOtp('Someone@Example.com', { code: 'ABC123', expiresAt: T0 });
    expect(state.pendingOtp('someone@example.com')).toEqual({ code: 'ABC123', expiresAt: T0 });
    state.deletePendingOtp('SOMEONE@EXAMPLE.COM');
    expect(state.pendingOtp('someone@example.com')).toBeUndefined();
  });

  it(`keeps at most ${PENDING_OTP_LIMIT} pending codes, dropping the least recently issued`, () => {
    const state = new SandboxState({ initialBalance: 0 });
    for (let i = 0; i < PENDING_OTP_LIMIT; i += 1)
      state.savePendingOtp(`d${i}`, { code: 'OLD', expiresAt: T0 });
    state.savePendingOtp('d0', { code: 'NEW', expiresAt: T0 });
    state.savePendingOtp('extra', { code: 'X', expiresAt: T0 });
    expect(state.pendingOtp('d1')).toBeUndefined();
    expect(state.pendingOtp('d0')?.code).toBe('NEW');
    expect(state.pendingOtp('d2')?.code).toBe('OLD');
    expect(state.pendingOtp('extra')?.code).toBe('X');
  });

  it(`keeps only the last ${ADDRESS_LIMIT} addresses, in the order they were added`, () => {
    const state = new SandboxState({ initialBalance: 0 });
    for (let i = 1; i <= ADDRESS_LIMIT + 2; i += 1) state.addAddress(address(`Holder ${i}`));
    const kept = state.addresses();
    expect(kept).toHaveLength(ADDRESS_LIMIT);
    expect([kept[0].id, kept[0].name]).toEqual(['3', 'Holder 3']);
    expect(kept.at(-1)?.id).toBe(String(ADDRESS_LIMIT + 2));
  });

  it('resets balance, outbox, pending codes, addresses and ids', () => {
    const state = new SandboxState({ initialBalance: 5 });
    state.charge(3);
    state.recordMessage(message('1'));
    state.savePendingOtp('34600000000', { code: '1234', expiresAt: T0 });
    state.addAddress(address('Ana'));
    state.reset();
    expect(state.balance).toBe(5);
    expect(state.outbox()).toEqual([]);
    expect(state.pendingOtp('34600000000')).toBeUndefined();
    expect(state.addresses()).toEqual([]);
    expect(state.nextMessageId()).toBe('1');
    expect(state.addAddress(address('Eva')).id).toBe('1');
  });
});
