// PDF utilities: inspection, attachment checks, stamping.
import { defineModule } from '../module.js';
import { pdfErrors } from './errors.js';

export const pdfModule = defineModule({ name: 'pdf', errors: pdfErrors });
