// The domain module contract. Every domain folder exports one `DomainModule` (from its
// module.ts); THE list in modules.ts composes the HTTP app, the job workers, start-up work, the
// demo seed and the `naskah` CLI from it. This file sits below every domain: it imports only
// shared infrastructure types, never a domain.
import type { Command } from 'commander';
import type { AppContext } from './context.js';
import type { Tx } from './db/tx.js';
import type { ErrorSpecs } from './errors.js';
import type { RoutePlugin } from './http/types.js';
import type { JobHandler, PollerDefinition } from './jobs.js';

/** Ids of the demo organisation, by the demo's keys, filled by the org module's seeder first. */
export interface DemoIds {
  units: Map<string, string>;
  positions: Map<string, string>;
  users: Map<string, string>;
}

/** A domain's demo data (letterheads, signer keys …), run inside the one demo seed transaction. */
export type DemoSeeder = (ctx: AppContext, tx: Tx, ids: DemoIds) => Promise<void>;

/** Opens the migrated database with every module started, runs `fn`, closes. */
export type WithContext = <T>(fn: (ctx: AppContext) => Promise<T>) => Promise<T>;

/** Adds one command (or several) to the `naskah` program. */
export type CliCommand = (program: Command, withContext: WithContext) => void;

export interface DomainModule<E extends ErrorSpecs = ErrorSpecs> {
  /** Folder name, used in logs and in the order checks of modules.ts. */
  name: string;
  /** Routes under /api/v1 (session required unless a route is declared public). */
  routes?: RoutePlugin;
  /** Routes outside /api (public pages and protocols: PKI, QR verification). */
  publicRoutes?: RoutePlugin;
  /** Background jobs this module handles, bound to the context (see jobs.ts `handle`). */
  jobs?: (ctx: AppContext) => JobHandler[];
  /** Work drained from a table filled by triggers (e.g. the search index queue), run by workers. */
  pollers?: (ctx: AppContext) => PollerDefinition[];
  /** Every process start, after migrations and before listening: reference data, keys, recovery. */
  start?: (ctx: AppContext) => Promise<void>;
  /**
   * A process that runs jobs (role all | worker), once its workers poll: background warm-up of
   * what its jobs need (the converter). Must return at once; not run by the CLI or the web role.
   */
  work?: (ctx: AppContext) => void;
  /** Demo data, in list order, inside the demo seed transaction. */
  demo?: DemoSeeder;
  /** Commands of `naskah`. */
  cli?: CliCommand[];
  /** Error codes with status and Indonesian/English messages (declared with defineErrors). */
  errors?: E;
  /** The web app's section keys this module serves (see src/web/sections.tsx), for docs and checks. */
  webSections?: string[];
}

/** Identity function that keeps the module's precise error-code type (for the check in modules.ts). */
export function defineModule<const E extends ErrorSpecs = Record<never, never>>(m: DomainModule<E>): DomainModule<E> {
  return m;
}
