import type { Config } from 'jest';

const tsJest: Config['transform'] = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  // content-disposition 3 (pulled in by @fastify/static) ships ESM only; jest's CommonJS
  // runtime on Node 20 cannot require it, so it is compiled to CommonJS for the tests.
  '/node_modules/content-disposition/.+\\.js$': [
    'ts-jest',
    { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022' }, diagnostics: false },
  ],
};
const transformIgnorePatterns = ['/node_modules/(?!content-disposition/)'];

const config: Config = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/src/**/*.spec.ts'],
      transform: tsJest,
      transformIgnorePatterns,
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      transform: tsJest,
      transformIgnorePatterns,
      globalSetup: '<rootDir>/test/helpers/global-setup.ts',
      globalTeardown: '<rootDir>/test/helpers/global-teardown.ts',
      testTimeout: 30_000,
    },
  ],
};

export default config;
