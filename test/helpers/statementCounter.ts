// Counts the SQL statements one piece of work sends through a pool: pool.query and the queries of
// clients checked out with pool.connect() (transactions), inside an AsyncLocalStorage scope, so
// job workers or other requests on the same pool at the same time are not counted.
import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';

export interface StatementCounter {
  /** Run `work` and return its result with the statements it issued. */
  count<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }>;
  restore(): void;
}

const textOf = (q: unknown): string => (typeof q === 'string' ? q : ((q as { text?: string } | null)?.text ?? String(q)));

export function countStatements(pool: pg.Pool): StatementCounter {
  const scope = new AsyncLocalStorage<string[]>();
  const query = pool.query;
  const connect = pool.connect;
  const p = pool as unknown as { query: (...a: unknown[]) => unknown; connect: (...a: unknown[]) => unknown };
  p.query = function (this: unknown, ...args: unknown[]) {
    scope.getStore()?.push(textOf(args[0]));
    return (query as (...a: unknown[]) => unknown).apply(pool, args);
  };
  p.connect = function (this: unknown, ...args: unknown[]) {
    const store = scope.getStore();
    // pool.query checks out its client with a callback: counted above already.
    if (!store || args.length) return (connect as (...a: unknown[]) => unknown).apply(pool, args);
    return ((connect as unknown as () => Promise<pg.PoolClient>).call(pool)).then((client) => {
      const own = client.query;
      const release = client.release;
      (client as unknown as { query: (...a: unknown[]) => unknown }).query = (...a: unknown[]) => {
        store.push(textOf(a[0]));
        return (own as (...x: unknown[]) => unknown).apply(client, a);
      };
      client.release = (err?: Error | boolean) => {
        client.query = own;
        client.release = release;
        return release.call(client, err);
      };
      return client;
    });
  };
  return {
    async count(work) {
      const statements: string[] = [];
      const result = await scope.run(statements, work);
      return { result, statements };
    },
    restore() {
      p.query = query as never;
      p.connect = connect as never;
    },
  };
}
