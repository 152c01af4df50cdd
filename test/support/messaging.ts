import type { JsonResponse, RunningGateway } from './gateway.js';

/** How many calls have reached the simulator so far: a rejected request must not add any. */
export function upstreamCalls(gateway: RunningGateway): number {
  return gateway.sandbox!.requests.length;
}

export function expectValidationFailure(response: JsonResponse, field: string): void {
  expect([response.status, response.body?.code]).toEqual([400, 'VALIDATION_FAILED']);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
}

/** An Afilnet error mapped to its HTTP status, with the upstream call named in the problem. */
export function expectUpstreamError(
  response: JsonResponse,
  status: number,
  code: string,
  upstream: { class: string; method: string },
): void {
  expect([response.status, response.body?.code]).toEqual([status, code]);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect(response.body.upstream).toEqual({ ...upstream, error: code });
}

/** Spends the whole simulated balance, so the next paid send answers NO_CREDITS. */
export function drainBalance(gateway: RunningGateway): void {
  const { state } = gateway.sandbox!;
  state.charge(state.balance);
}

/** A valid `scheduledAt`: `hours` from now, with an explicit offset. */
export function inHours(hours: number): string {
  return new Date(Date.now() + hours * 3_600_000).toISOString();
}

/** The ledger id every send answers: `msg_` and a ULID. */
export const LEDGER_ID = expect.stringMatching(/^msg_[0-9A-HJKMNP-TV-Z]{26}$/) as unknown as string;
