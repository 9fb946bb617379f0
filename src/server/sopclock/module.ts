// SOP clocks: the time standards of each office's SOP (data, edited by the admin; they live in
// the catalog so outgoing letters can read them) and the performance report for heads of office.
import { defineModule } from '../module.js';
import { sopClockRoutes } from './routes.js';

export const sopClockModule = defineModule({ name: 'sopclock', routes: sopClockRoutes, webSections: ['sopClock'] });
