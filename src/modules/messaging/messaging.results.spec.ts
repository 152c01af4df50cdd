import {
  normaliseDeliveryStatus,
  toBulkSent,
  toDeliveryStatuses,
  toMessageSent,
} from './messaging.results.js';

describe('normaliseDeliveryStatus', () => {
  it.each([
    ['DELIVERED', 'delivered'],
    ['delivrd', 'delivered'],
    [' Delivered ', 'delivered'],
    ['PENDING', 'pending'],
    ['sent', 'pending'],
    ['QUEUED', 'pending'],
    ['Scheduled', 'pending'],
    ['ACCEPTED', 'pending'],
    ['buffered', 'pending'],
    ['FAILED', 'failed'],
    ['undelivered', 'failed'],
    ['UNDELIV', 'failed'],
    ['rejected', 'failed'],
    ['EXPIRED', 'failed'],
    ['error', 'failed'],
    ['NOT_FOUND', 'unknown'],
    ['DELIVERED_LATE', 'unknown'],
    ['', 'unknown'],
    [null, 'unknown'],
  ])('reads %p as %p', (raw, status) => {
    expect(normaliseDeliveryStatus(raw)).toBe(status);
  });
});

describe('toMessageSent', () => {
  it('reads the id and credits, numbers given as strings too', () => {
    expect(toMessageSent({ messageid: 123456, credits: '1.5' })).toEqual({
      messageId: '123456',
      credits: 1.5,
    });
  });

  it('gives nulls when Afilnet reports nothing (WhatsApp documents no result)', () => {
    expect(toMessageSent(null)).toEqual({ messageId: null, credits: null });
    expect(toMessageSent({ credits: 'credits_spent' })).toEqual({ messageId: null, credits: null });
  });
});

describe('toBulkSent', () => {
  it('reads the documented bulk result', () => {
    expect(
      toBulkSent({
        id: 88,
        count: '2',
        credits: '2',
        destinations: [
          { messageid: '1', destination: '34600000001' },
          { messageid: 2, destination: 34600000002 },
        ],
      }),
    ).toEqual({
      id: '88',
      count: 2,
      credits: 2,
      destinations: [
        { messageId: '1', destination: '34600000001' },
        { messageId: '2', destination: '34600000002' },
      ],
    });
  });

  it('counts the destinations when Afilnet gives no count', () => {
    expect(toBulkSent({ destinations: [{ messageid: '1', destination: 'a@example.com' }] })).toEqual({
      id: null,
      count: 1,
      credits: null,
      destinations: [{ messageId: '1', destination: 'a@example.com' }],
    });
    expect(toBulkSent(undefined)).toEqual({ id: null, count: 0, credits: null, destinations: [] });
  });
});

describe('toDeliveryStatuses', () => {
  it('reads a list, with Afilnet wall-clock delivery dates in the configured zone', () => {
    const result = [
      { messageid: '1', sms: 'hi', deliverydate: '2026-01-15 10:30:00', deliverystatus: 'DELIVERED' },
      { messageid: '2', sms: 'hi', deliverydate: '2026-07-15 10:30:00', deliverystatus: 'delivrd' },
      { messageid: '3', sms: 'hi', deliverydate: '', deliverystatus: 'PENDING' },
    ];
    expect(toDeliveryStatuses(result, 'Europe/Madrid')).toEqual([
      { messageId: '1', status: 'delivered', deliveredAt: '2026-01-15T09:30:00.000Z', raw: 'DELIVERED' },
      { messageId: '2', status: 'delivered', deliveredAt: '2026-07-15T08:30:00.000Z', raw: 'delivrd' },
      { messageId: '3', status: 'pending', deliveredAt: null, raw: 'PENDING' },
    ]);
    expect(toDeliveryStatuses(result, 'UTC')[0].deliveredAt).toBe('2026-01-15T10:30:00.000Z');
  });

  it('accepts ISO delivery dates with an offset, and ignores unreadable ones', () => {
    const entry = (deliverydate: unknown) => ({ messageid: '1', deliverydate, deliverystatus: 'DELIVERED' });
    expect(toDeliveryStatuses([entry('2026-01-15T10:30:00+01:00')], 'UTC')[0].deliveredAt).toBe(
      '2026-01-15T09:30:00.000Z',
    );
    expect(toDeliveryStatuses([entry('yesterday')], 'UTC')[0].deliveredAt).toBeNull();
    expect(toDeliveryStatuses([entry('2026-01-15 10:30')], 'UTC')[0].deliveredAt).toBeNull();
    expect(toDeliveryStatuses([entry(1700000000)], 'UTC')[0].deliveredAt).toBeNull();
  });

  it('gives no delivery time to a message that was not delivered', () => {
    expect(
      toDeliveryStatuses(
        { messageid: '9', deliverydate: '2026-01-15 10:30:00', deliverystatus: 'FAILED' },
        'Europe/Madrid',
      ),
    ).toEqual([{ messageId: '9', status: 'failed', deliveredAt: null, raw: 'FAILED' }]);
  });

  it('reads a list under `list` and skips entries without a message id', () => {
    expect(
      toDeliveryStatuses(
        { list: [{ messageid: 7, deliverystatus: 'WHATEVER' }, { deliverystatus: 'DELIVERED' }, 'junk'] },
        'UTC',
      ),
    ).toEqual([{ messageId: '7', status: 'unknown', deliveredAt: null, raw: 'WHATEVER' }]);
  });
});
