import { defineConfig } from 'vitest/config';

// Projects: "unit" (pure code, no database), "db" (services and API on PGlite), "db-postgres"
// (the same files on PostgreSQL, when TEST_DATABASE_URL is set), "e2e" (browser, built app).
const dbFiles = ['src/**/*.db.test.ts', 'test/api/**/*.test.ts'];
const projects = [
  {
    test: {
      name: 'unit',
      include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts'],
      exclude: ['src/**/*.db.test.ts', 'node_modules/**'],
      setupFiles: ['test/helpers/errorCatalog.ts'],
      testTimeout: 30_000,
    },
  },
  {
    test: {
      name: 'db',
      include: dbFiles,
      env: { NASKAH_TEST_ENGINE: 'pglite' },
      globalSetup: ['test/helpers/globalSetup.pglite.ts'],
      testTimeout: 60_000,
      hookTimeout: 60_000,
    },
  },
  ...(process.env.TEST_DATABASE_URL
    ? [
        {
          test: {
            name: 'db-postgres',
            include: dbFiles,
            env: { NASKAH_TEST_ENGINE: 'postgres' },
            globalSetup: ['test/helpers/globalSetup.postgres.ts'],
            testTimeout: 60_000,
            hookTimeout: 60_000,
          },
        },
      ]
    : []),
  {
    test: {
      name: 'e2e',
      include: ['test/e2e/**/*.test.ts'],
      testTimeout: 180_000,
      hookTimeout: 180_000,
      fileParallelism: false,
    },
  },
];

export default defineConfig({
  test: {
    projects,
    pool: 'forks',
  },
});
