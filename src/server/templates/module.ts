// .docx templates: generation, inspection and filling (a library of the workflows; no routes).
import { defineModule } from '../module.js';
import { templateErrors } from './errors.js';

export const templatesModule = defineModule({ name: 'templates', errors: templateErrors });
