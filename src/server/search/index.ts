// The search domain's public surface. Domains that own naskah (outgoing, incoming letters,
// service tickets, the archive) register a source for their kind and queue changes; or write
// their rows directly with indexEntry inside their own transaction.
export { indexEntry, removeEntry, analyseEntry, type SearchEntryInput } from './indexEntry.js';
export { registerSearchSource, queueForIndex, drainSearchQueue, drainSearchQueueFully, type SearchSource } from './indexQueue.js';
export { actorTokens, readersFor, stricterClass, isSecret, canRead, unitsOnPath, ACCESS_CLASSES, type AccessClass, type Participants } from './access.js';
export { searchEntries, type SearchInput, type SearchResult } from './searchEntries.js';
export { SEARCH_KINDS, type SearchKind } from './schema.js';
export { searchRoutes } from './routes.js';
