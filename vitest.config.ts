import { defineConfig } from 'vitest/config';

// Three layers, each runnable alone: pure unit tests, integration tests against
// DynamoDB Local (started once by the global setup), and CDK assertion tests.
export default defineConfig({
  test: {
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'shared/test/**/*.test.ts',
            'functions/test/unit/**/*.test.ts',
            'infra/test/unit/**/*.test.ts',
            'web/test/unit/**/*.test.ts',
          ],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['functions/test/integration/**/*.test.ts', 'infra/test/integration/**/*.test.ts'],
          globalSetup: ['functions/test/support/global-setup.ts'],
          setupFiles: ['functions/test/support/setup-env.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // DynamoDB Local and the suites share two cores: keep the pool small.
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['web/test/journeys/**/*.test.ts'],
          globalSetup: ['web/test/global-setup.ts'],
          testTimeout: 60_000,
          // A loaded 2-core machine renders slowly: every poll waits for its condition up to 20 s, not the
          // default 1 s (a journey failed on a busy fresh-clone run polling the header for 1 s).
          expect: { poll: { timeout: 20_000, interval: 100 } },
          hookTimeout: 120_000,
          maxWorkers: 1,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'cdk',
          include: ['infra/test/cdk/**/*.test.ts'],
          testTimeout: 120_000,
          maxWorkers: 1,
        },
      },
    ],
  },
});
