import type { Config } from 'jest';

const tsJest: Config['transform'] = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
};

// The client's tests (test/e2e/client) import `@keyward/client` from its source, like the root
// tsconfig's `paths`; the client's ESM source names its own files with `.js`, as Node wants.
const clientFromSource: Config['moduleNameMapper'] = {
  '^@keyward/client$': '<rootDir>/client/src/index.ts',
  '^@keyward/client/(express|fastify|nest)$': '<rootDir>/client/src/adapters/$1.ts',
  '^(\\.{1,2}/.*)\\.js$': '$1',
};

const config: Config = {
  // Global, not per project: with `projects`, Jest 30 ignores a project's own testTimeout and
  // falls back to 5 s, too short for e2e specs that wait for tokens to expire.
  testTimeout: 30_000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/src/**/*.spec.ts'],
      transform: tsJest,
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      transform: tsJest,
      moduleNameMapper: clientFromSource,
      globalSetup: '<rootDir>/test/helpers/global-setup.ts',
      globalTeardown: '<rootDir>/test/helpers/global-teardown.ts',
    },
  ],
};

export default config;
