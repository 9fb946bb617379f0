// Registers, number formats and gap-free allocation.
import { defineModule } from '../module.js';
import { numberingDemoSeeder } from './demo.js';
import { numberingErrors } from './errors.js';
import { numberingRoutes } from './routes.js';

export const numberingModule = defineModule({ name: 'numbering', routes: numberingRoutes, errors: numberingErrors, demo: numberingDemoSeeder, webSections: ['register'] });
