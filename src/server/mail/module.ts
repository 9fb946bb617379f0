// Outgoing e-mail (SMTP adapter).
import { defineModule } from '../module.js';
import { mailErrors } from './errors.js';

export const mailModule = defineModule({ name: 'mail', errors: mailErrors });
