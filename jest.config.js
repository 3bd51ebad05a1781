/** Three projects: pure/unit specs next to the code, black-box e2e on a real database, and the browser. */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json' }];
const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': tsJest },
  moduleFileExtensions: ['ts', 'js', 'json'],
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', roots: ['<rootDir>/src'], testMatch: ['**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e-spec.ts'],
      setupFiles: ['<rootDir>/test/setup-env.ts'],
      // 30 s per test: see test/setup-e2e.ts.
      setupFilesAfterEnv: ['<rootDir>/test/setup-e2e.ts'],
    },
    {
      ...common,
      displayName: 'multi',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.multi-spec.ts'],
      setupFiles: ['<rootDir>/test/setup-env.ts'],
    },
    {
      ...common,
      displayName: 'browser',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.browser-spec.ts'],
      setupFiles: ['<rootDir>/test/setup-env.ts'],
    },
  ],
};
