import { ConfigService } from '@nestjs/config';
import type { AfilnetHttpService } from '../../common/afilnet/afilnet-http.service.js';
import { MessagingService } from './messaging.service.js';

/** Only the conversions are exercised here: no call reaches the Afilnet client. */
function service(timeZone: string): MessagingService {
  return new MessagingService({} as AfilnetHttpService, new ConfigService({ afilnet: { timeZone } }));
}

describe('MessagingService conversions', () => {
  it("sends scheduledAt as Afilnet's wall-clock time in the configured zone", () => {
    expect(service('Europe/Madrid').afilnetScheduleTime('2030-01-15T09:30:00Z')).toBe('2030-01-15 10:30:00');
    expect(service('Europe/Madrid').afilnetScheduleTime('2030-07-15T09:30:00+00:00')).toBe(
      '2030-07-15 11:30:00',
    );
    expect(service('America/New_York').afilnetScheduleTime('2030-01-15T09:30:00+01:00')).toBe(
      '2030-01-15 03:30:00',
    );
    expect(service('UTC').afilnetScheduleTime('2030-01-15T23:30:00-02:00')).toBe('2030-01-16 01:30:00');
  });

  it('sends nothing for a missing or null scheduledAt (send now)', () => {
    expect(service('UTC').afilnetScheduleTime(undefined)).toBeUndefined();
    expect(service('UTC').afilnetScheduleTime(null)).toBeUndefined();
  });

  it("sends template values as Afilnet's key:value list, and nothing when there are none", () => {
    expect(service('UTC').templateParams({ name: 'Ana María', code: 1234 })).toBe('name:Ana María,code:1234');
    expect(service('UTC').templateParams(undefined)).toBeUndefined();
  });
});
