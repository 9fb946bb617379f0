// Domain commands added to `naskah` (e.g. `verify` from the signature module).
import type { Command } from 'commander';
import type { AppContext } from '../server/context.js';

export type WithContext = <T>(fn: (ctx: AppContext) => Promise<T>) => Promise<T>;
export type CliCommand = (program: Command, withContext: WithContext) => void;

import { signatureCliCommands } from '../server/signature/cli.js';
import { archiveCliCommands } from '../server/archive/cli.js';

export const cliCommands: CliCommand[] = [...signatureCliCommands, ...archiveCliCommands];
