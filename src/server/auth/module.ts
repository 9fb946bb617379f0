// Sessions, passwords, TOTP and lockout.
import { defineModule } from '../module.js';
import { authRoutes } from './routes.js';

export const authModule = defineModule({ name: 'auth', routes: authRoutes });
