declare global {
  /** Set by test/support/native-environment.cjs: loads a compiled module of the gateway from dist/. */
  var loadBuilt: (path: string) => unknown;
}

/** A module of the built gateway, typed as its source. */
export function built<T>(path: string): T {
  return globalThis.loadBuilt(path) as T;
}
