/// <reference types="vite/client" />
// Unit tests load single files, not modules.ts: load every module's error table (defineErrors
// registers the codes) so an AppError thrown by a library file has its status and messages.
// The app, the workers and the CLI get them from modules.ts.
import.meta.glob('../../src/server/*/errors.ts', { eager: true });
