// Temporary switch while sibling modules (numbering, templates, conversion, pdf, signature)
// land: the documents domain is wired into the app only when they exist.
// TODO(lead): replace the no-ops with the real exports once deps.ts resolves.
import type { AppContext } from '../context.js';
import type { DemoSeeder } from '../demo/seedDemo.js';
import type { App } from '../http/types.js';

export async function documentsRoutes(_app: App, _ctx: AppContext): Promise<void> {}
export function registerDocumentsDomain(_ctx: AppContext): void {}
export async function startDocumentsDomain(_ctx: AppContext): Promise<void> {}
export const documentsDemoSeeder: DemoSeeder = async () => {};
