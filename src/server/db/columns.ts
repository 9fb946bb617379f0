// Column helpers shared by every domain schema.
import { integer, timestamp, uuid } from 'drizzle-orm/pg-core';
import { uuidv7 } from './ids.js';

export const id = () =>
  uuid('id')
    .primaryKey()
    .$defaultFn(() => uuidv7());

export const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
/** Optimistic concurrency: every write bumps it; a write carrying an older value is a 409. */
export const version = () => integer('version').notNull().default(1);
export const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
