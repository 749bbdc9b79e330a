import { defineConfig } from 'vitest/config';

// Three projects: fast unit tests; integration tests against real databases (SQLite always, PostgreSQL when
// NABIJ_TEST_POSTGRES_URL is set – CI sets it); end-to-end tests through the local Teams client.
export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: { name: 'integration', include: ['test/integration/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 90_000,
          // Each file starts its own bot and Teams client; on 2 cores they run one at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
