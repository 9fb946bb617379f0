// Personal data of a service ticket (the request letter, the WhatsApp number). While the ticket
// is open, the applicant (or who filed for him) and whoever performs the current step see it;
// once it is done only the PII officer does. Everyone else who may see the ticket sees it
// masked, in lists, search and exports too. Pure.
import { isDone, type TicketStatus } from './machine.js';
import type { Capacities } from './people.js';

export type PiiCapacity = 'pii_officer' | 'applicant' | 'step_actor';

export function piiAccess(status: TicketStatus, caps: Pick<Capacities, 'set' | 'piiOfficer'>): PiiCapacity | null {
  if (caps.piiOfficer) return 'pii_officer';
  if (isDone(status)) return null;
  if (caps.set.has('applicant')) return 'applicant';
  if (caps.set.has('step_actor')) return 'step_actor';
  return null;
}

/** Who may see the ticket at all (without personal data). */
export function canSeeTicket(caps: Pick<Capacities, 'set' | 'chainMember' | 'piiOfficer'>, systemAdmin: boolean): boolean {
  return caps.set.has('applicant') || caps.chainMember || caps.piiOfficer || systemAdmin;
}

/** 6281234567890 → 62812•••••90 */
export function maskWhatsapp(n: string): string {
  if (n.length <= 6) return '•'.repeat(n.length);
  return `${n.slice(0, 5)}${'•'.repeat(n.length - 7)}${n.slice(-2)}`;
}
