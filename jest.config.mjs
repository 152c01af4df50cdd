/** Jest runs the ESM build of the sources (NestJS 12 packages are ES modules). */
const base = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
};

export default {
  // `npm run test:coverage` runs the unit project alone (unit and slice tests) with coverage of the gateway's own
  // code; the e2e suites run dist/ in Node's own loader, where jest measures nothing.
  collectCoverageFrom: ['src/common/**/*.ts', 'src/modules/**/*.ts', '!**/*.spec.ts'],
  coverageReporters: ['text-summary', 'json-summary'],
  coverageThreshold: { global: { lines: 80 } },
  projects: [
    { ...base, displayName: 'unit', roots: ['<rootDir>/src'], testMatch: ['**/*.spec.ts'] },
    {
      ...base,
      displayName: 'e2e',
      // The typed client's suites run against the built gateway too (clients/typescript/test).
      roots: ['<rootDir>/test', '<rootDir>/clients/typescript/test'],
      // *.built-spec.ts: unit tests of code jest's registry cannot load (see test/unit/policies.ts).
      testMatch: ['**/*.e2e-spec.ts', '**/*.built-spec.ts'],
      testEnvironment: '<rootDir>/test/support/native-environment.cjs',
    },
  ],
};
