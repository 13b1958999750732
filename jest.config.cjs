/** Unit, marble, conformance and property tests. Type-checking is `npm run typecheck` (tsc), so ts-jest only transpiles. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/spec'],
  testMatch: ['**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      { tsconfig: { module: 'commonjs', target: 'ES2022', esModuleInterop: true, isolatedModules: true } },
    ],
  },
  testTimeout: 20000,
  // Any unhandled rejection or uncaught exception fails the spec it happened in (issue 10, class 4).
  setupFilesAfterEnv: ['<rootDir>/spec/support/fail-on-escaped-errors.ts'],
};
