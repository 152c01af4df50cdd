import { SANDBOX_CLASSES } from './classes/index.js';
import { constantTimeEqual } from './sandbox.crypto.js';
import type { SandboxState } from './sandbox.state.js';
import type { SandboxParams, SandboxReply } from './sandbox.types.js';

export interface SandboxCredentials {
  readonly user: string;
  readonly password: string;
}

/**
 * Runs one Afilnet call: the protocol checks in the order Afilnet's error table lists them, then the
 * method itself.
 */
export function dispatch(
  params: SandboxParams,
  credentials: SandboxCredentials,
  state: SandboxState,
): SandboxReply {
  if (!params.user) return { error: 'MISSING_USER' };
  if (!params.password) return { error: 'MISSING_PASSWORD' };
  // Both halves are always compared, so the timing does not tell which one was wrong.
  const userMatches = constantTimeEqual(params.user, credentials.user);
  const passwordMatches = constantTimeEqual(params.password, credentials.password);
  if (!userMatches || !passwordMatches) return { error: 'INCORRECT_USER_PASSWORD' };

  if (!params.class) return { error: 'MISSING_CLASS' };
  if (!params.method) return { error: 'MISSING_METHOD' };
  // Own properties only: `class=constructor` must be unknown, not Object.prototype's.
  const sandboxClass = Object.hasOwn(SANDBOX_CLASSES, params.class)
    ? SANDBOX_CLASSES[params.class]
    : undefined;
  if (sandboxClass === undefined) return { error: 'INCORRECT_CLASS' };
  const method = Object.hasOwn(sandboxClass, params.method) ? sandboxClass[params.method] : undefined;
  if (method === undefined) return { error: 'INCORRECT_METHOD' };

  if (method.required.some((name) => !params[name])) return { error: 'MISSING_COMPULSORY_PARAM' };
  // Afilnet documents no `output` value; JSON is the one the simulator can produce.
  if (params.output && params.output !== 'json') return { error: 'INCORRECT_FORMAT' };
  return method.handle(params, state);
}
