// The documents domain's entry points for app.ts and domains.ts.
export { documentsRoutes } from './routes.js';
export { registerDocumentsDomain, startDocumentsDomain } from './register.js';
export { documentsDemoSeeder } from './demo.js';
