// The service desk domain (seed 004: official e-mail accounts). What other domains may use:
//   serviceDeskRoutes / serviceDeskPublicRoutes: HTTP (app.ts)
//   transitionTicket: the one path for ticket state changes
export { serviceDeskRoutes } from './routes.js';
export { serviceDeskPublicRoutes } from './publicRoutes.js';
export { transitionTicket, type TicketRow } from './transition.js';
export { shippedCatalogue, EMAIL_SERVICE_KEY, type CatalogueEntry } from './catalogue.js';
export { verifyMailboxTotp } from './activation.js';
