import { smsSandbox } from './classes/sms.sandbox.js';
import { emailSandbox } from './classes/email.sandbox.js';
import { DELIVERY_DELAY_MS, deliveryOf } from './sandbox.messaging.js';
import { SandboxState } from './sandbox.state.js';
import type { SandboxParams, SandboxReply } from './sandbox.types.js';

const T0 = Date.parse('2026-11-26T10:00:00.000Z');

function account(initialBalance = 100) {
  let clock = T0;
  const state = new SandboxState({ initialBalance, now: () => clock });
  return {
    state,
    advance: (ms: number) => (clock += ms),
    call: (method: string, params: SandboxParams): SandboxReply => smsSandbox[method].handle(params, state),
  };
}

describe('simulated deliveries', () => {
  it('go from PENDING to DELIVERED after the delivery delay', () => {
    const { state, advance, call } = account();
    call('sendsms', { from: 'Shop', to: '34600000000', sms: 'hi' });
    const [message] = state.outbox();

    expect(deliveryOf(message, state.now()).status).toBe('PENDING');
    advance(DELIVERY_DELAY_MS);
    expect(deliveryOf(message, state.now())).toEqual({
      status: 'DELIVERED',
      sendAt: T0,
      deliveredAt: T0 + DELIVERY_DELAY_MS,
    });
  });

  it('stay SCHEDULED until their time, then follow the same course', () => {
    const { state, advance, call } = account();
    call('sendsms', { from: 'Shop', to: '34600000000', sms: 'hi', scheduledatetime: '2026-11-26 12:00:00' });
    const [message] = state.outbox();
    const sendAt = Date.parse('2026-11-26T11:00:00Z');

    expect(deliveryOf(message, state.now())).toEqual({ status: 'SCHEDULED', sendAt });
    advance(sendAt - T0);
    expect(deliveryOf(message, state.now()).status).toBe('PENDING');
    advance(DELIVERY_DELAY_MS);
    expect(deliveryOf(message, state.now()).status).toBe('DELIVERED');
  });

  it('fail for the magic failing destinations', () => {
    const { state, advance, call } = account();
    call('sendsms', { from: 'Shop', to: '34600000666', sms: 'hi' });
    emailSandbox.sendemail.handle({ to: 'bounce@example.com', subject: 's', email: 'b' }, state);
    advance(DELIVERY_DELAY_MS);

    expect(state.outbox().map((message) => deliveryOf(message, state.now()).status)).toEqual([
      'FAILED',
      'FAILED',
    ]);
  });

  it('are reported by getdeliverystatus with the text and a Madrid delivery date', () => {
    const { advance, call } = account();
    call('sendsms', { from: 'Shop', to: '34600000000', sms: 'hi' });
    advance(DELIVERY_DELAY_MS);

    expect(call('getdeliverystatus', { messages: '1,42' })).toEqual({
      result: [
        { messageid: '1', sms: 'hi', deliverydate: '2026-11-26 11:00:02', deliverystatus: 'DELIVERED' },
        { messageid: '42', sms: '', deliverydate: '', deliverystatus: 'NOT_FOUND' },
      ],
    });
  });
});

describe('simulated sends', () => {
  it('charge one credit per SMS segment', () => {
    const { state, call } = account();
    expect(call('sendsms', { from: 'Shop', to: '34600000000', sms: 'a'.repeat(161) })).toEqual({
      result: { messageid: '1', credits: 2 },
    });
    expect(state.balance).toBe(98);
  });

  it('refuse the magic no-route prefix without charging', () => {
    const { state, call } = account();
    expect(call('sendsms', { from: 'Shop', to: '99900000000', sms: 'hi' })).toEqual({
      error: 'NO_ROUTE_AVAILABLE',
    });
    expect([state.balance, state.outbox()]).toEqual([100, []]);
  });

  it('send a group all or nothing: NO_CREDITS when the balance does not cover every contact', () => {
    const { state, call } = account(1);
    expect(call('sendsmstogroup', { from: 'Shop', countrycode: '34', idgroup: '1', sms: 'hi' })).toEqual({
      error: 'NO_CREDITS',
    });
    expect([state.balance, state.outbox()]).toEqual([1, []]);
  });

  it('fill a template per contact of a group, the country code in front of each number', () => {
    const { state, call } = account();
    expect(call('sendsmstogroupfromtemplate', { countrycode: '351', idgroup: '1', idtemplate: '1' })).toEqual(
      {
        result: {
          id: '1',
          count: 2,
          credits: 2,
          destinations: [
            { messageid: '1', destination: '351600000001' },
            { messageid: '2', destination: '351600000002' },
          ],
        },
      },
    );
    expect(state.outbox().map((message) => message.text)).toEqual([
      'Hello Luis, welcome aboard!',
      'Hello Ana, welcome aboard!',
    ]);
  });

  it.each([
    ['an unknown template', { to: '34600000000', idtemplate: '99' }, 'NOT_ACCESS_TO_TEMPLATE'],
    ['an e-mail template', { to: '34600000000', idtemplate: '2' }, 'NOT_ACCESS_TO_TEMPLATE'],
    ['malformed params', { to: '34600000000', idtemplate: '1', params: 'name' }, 'INVALID_PARAMETER'],
  ])('refuse a template send with %s', (_label, params, error) => {
    expect(account().call('sendsmsfromtemplate', params)).toEqual({ error });
  });

  it.each([
    ['an unknown group', '99'],
    ['an e-mail group', '2'],
  ])('refuse a group send to %s', (_label, idgroup) => {
    expect(account().call('sendsmstogroup', { from: 'Shop', countrycode: '34', idgroup, sms: 'hi' })).toEqual(
      {
        error: 'NOT_ACCESS_TO_GROUP',
      },
    );
  });

  it('refuse a malformed schedule', () => {
    expect(
      account().call('sendsms', { from: 'Shop', to: '34600000000', sms: 'hi', scheduledatetime: 'tomorrow' }),
    ).toEqual({ error: 'INVALID_PARAMETER' });
  });
});
