// Official mailbox directory adapters (LDAP, Zimbra, Google): their error codes.
import { defineModule } from '../module.js';
import { directoryErrors } from './errors.js';

export const directoryModule = defineModule({ name: 'directory', errors: directoryErrors });
