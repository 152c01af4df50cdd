declare global {
  /** Set by test/support/native-environment.cjs: loads a compiled module of the gateway from dist/. */
  var loadBuilt: (path: string) => unknown;
  /** Set by test/support/native-environment.cjs: loads an installed package in Node's own loader. */
  var loadPackage: (name: string) => unknown;
}

/** A module of the built gateway, typed as its source. */
export function built<T>(path: string): T {
  return globalThis.loadBuilt(path) as T;
}

/** An installed package, loaded as the built gateway loads it (its classes are the ones the gateway checks for). */
export function builtPackage<T>(name: string): T {
  return globalThis.loadPackage(name) as T;
}
