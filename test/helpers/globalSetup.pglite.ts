import { preparePgliteTemplate } from './templates.js';

export default async function setup(): Promise<void> {
  await preparePgliteTemplate();
}
