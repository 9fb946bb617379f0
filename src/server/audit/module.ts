// The audit trail: one event recorder for every domain (recordEvent.ts), hash-chained
// (chain.ts); its check for admins (routes.ts) and operators (`naskah audit verify`).
import { defineModule } from '../module.js';
import { auditCliCommands } from './cli.js';
import { auditRoutes } from './routes.js';

export const auditModule = defineModule({ name: 'audit', routes: auditRoutes, cli: auditCliCommands, webSections: ['admin'] });
