import { jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { updatedAt } from '../db/columns.js';

/** Instance-wide settings as key -> JSON (pemda name, colours, signature footer …). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<unknown>().notNull(),
  updatedAt: updatedAt(),
});
