// Every domain's tables, for drizzle-kit and the typed client. Add a domain's schema here.
export * from '../org/schema.js';
export * from '../auth/schema.js';
export * from '../audit/schema.js';
export * from '../files/schema.js';
export * from '../settings/schema.js';
export * from '../documents/schema.js';
export * from '../archive/schema.js';
export * from '../numbering/schema.js';
export * from '../signature/schema.js';
