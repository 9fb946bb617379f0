// Full-text search over naskah: the worker drains the index queue that triggers fill.
import { defineModule } from '../module.js';
import { drainSearchQueue } from './indexQueue.js';
import { searchRoutes } from './routes.js';

export const searchModule = defineModule({
  name: 'search',
  routes: searchRoutes,
  pollers: (ctx) => [{ name: 'search.index', intervalMs: 1000, run: () => drainSearchQueue(ctx) }],
});
