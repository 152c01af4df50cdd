import { AfilnetApiError, AfilnetTransportError } from '../afilnet/afilnet.errors.js';
import type { TransportFailure } from '../afilnet/afilnet-error-table.js';
import { GatewayError } from '../errors/gateway.error.js';
import { decideProblem } from '../errors/problem-details.filter.js';
import { RequestValidationError } from '../errors/request-validation.error.js';
import { keepsOutcome } from './idempotency-outcomes.js';

const kept = (error: unknown) => keepsOutcome(error, decideProblem(error, 'r').problem.code);
const transport = (failure: TransportFailure) => new AfilnetTransportError('sms', 'sendsms', failure, 'x');

describe('keepsOutcome', () => {
  it.each([
    ['a validation error', new RequestValidationError([{ field: 'to', message: 'bad' }])],
    ['an open circuit', transport('circuit_open')],
    ['a connection that could not be made', transport('unreachable')],
    ['every connection busy', transport('busy')],
    ['too many codes', new GatewayError('TOO_MANY_VERIFICATIONS', 'x', 60)],
    ['no attempts left', new GatewayError('OTP_ATTEMPTS_EXHAUSTED', 'x')],
    ['a shared store that cannot be asked', new GatewayError('STATE_STORE_UNAVAILABLE', 'x', 2)],
    ['a rate limit', new GatewayError('RATE_LIMITED', 'x', 30)],
    ['a credit budget that would be passed', new GatewayError('CREDIT_BUDGET_EXCEEDED', 'x')],
    ['a ledger that cannot record the send', new GatewayError('LEDGER_UNAVAILABLE', 'x', 2)],
  ])('releases the key after %s: nothing was done', (_label, error) => {
    expect(kept(error)).toBe(false);
  });

  it.each([
    ['a timeout', transport('timeout')],
    ['a connection lost once the request left', transport('connection_lost')],
    ['an unreadable answer', transport('bad_response')],
    ["Afilnet's business refusal", new AfilnetApiError('sms', 'sendsms', 'NO_CREDITS')],
    ['an unrecognised Afilnet error', new AfilnetApiError('sms', 'sendsms', 'something odd')],
    ['a send that may have happened', new GatewayError('VERIFICATION_SEND_UNCERTAIN', 'x')],
    ['an unexpected fault', new Error('boom')],
  ])('keeps %s: the request did its work or may have', (_label, error) => {
    expect(kept(error)).toBe(true);
  });
});
