import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  // Every module's tables: src/server/<module>/schema.ts.
  schema: './src/server/*/schema.ts',
  out: './migrations',
});
