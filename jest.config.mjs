/** Jest runs the ESM build of the sources (NestJS 12 packages are ES modules). */
const base = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
};

export default {
  projects: [
    { ...base, displayName: 'unit', roots: ['<rootDir>/src'], testMatch: ['**/*.spec.ts'] },
    {
      ...base,
      displayName: 'e2e',
      // The typed client's suites run against the built gateway too (clients/typescript/test).
      roots: ['<rootDir>/test', '<rootDir>/clients/typescript/test'],
      testMatch: ['**/*.e2e-spec.ts'],
      testEnvironment: '<rootDir>/test/support/native-environment.cjs',
    },
  ],
};
