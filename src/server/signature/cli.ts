// `naskah verify FILE.pdf [--trust CA.pem …] [--json]` and other signature commands.
import type { CliCommand } from '../../cli/commands.js';

export const signatureCliCommands: CliCommand[] = [];
