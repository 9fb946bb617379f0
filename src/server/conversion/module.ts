// .docx -> PDF conversion adapters (LibreOffice pool | WASM); used through outgoing's job.
import { defineModule } from '../module.js';
import { conversionErrors } from './errors.js';

export const conversionModule = defineModule({ name: 'conversion', errors: conversionErrors });
