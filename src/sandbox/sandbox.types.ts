import type { SandboxState } from './sandbox.state.js';

/** A request's parameters, query string and form body merged; absent and empty look alike to methods. */
export type SandboxParams = Readonly<Record<string, string>>;

/** What a method answers; the server wraps it in Afilnet's `{status, result|error}` envelope. */
export type SandboxReply = { readonly result: unknown } | { readonly error: string };

export interface SandboxMethod {
  /** Parameters that must be present and non-empty; the dispatcher answers `MISSING_COMPULSORY_PARAM` otherwise. */
  readonly required: readonly string[];
  handle(params: SandboxParams, state: SandboxState): SandboxReply;
}

/** One Afilnet class: its methods by their wire name. */
export type SandboxClass = Readonly<Record<string, SandboxMethod>>;
