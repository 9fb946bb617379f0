// The home page's counts.
import { defineModule } from '../module.js';
import { dashboardRoutes } from './routes.js';

export const dashboardModule = defineModule({ name: 'dashboard', routes: dashboardRoutes, webSections: ['home'] });
