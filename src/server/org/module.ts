// The organisation: units, positions (with Plt/Plh holders), users and roles, CSV import.
import { defineModule } from '../module.js';
import { orgCliCommands } from './cli.js';
import { orgDemoSeeder } from './demoSeed.js';
import { orgErrors } from './errors.js';
import { orgRoutes } from './routes.js';

export const orgModule = defineModule({ name: 'org', routes: orgRoutes, errors: orgErrors, demo: orgDemoSeeder, cli: orgCliCommands, webSections: ['org', 'admin'] });
