// Service desk (seed 004) API: tickets, actions, the public activation page.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from './client';

export type TicketListItem = Schemas['ServiceTicketListItem'];
export type TicketStatus = TicketListItem['status'];

/** The ticket page (the OpenAPI document types it loosely; this is its shape). */
export interface TicketDetail extends Omit<TicketListItem, 'createdAt' | 'updatedAt'> {
  createdAt: string;
  updatedAt: string;
  sopNumber: string;
  requestFile: { available: boolean };
  incomingAgendaNumber: string | null;
  incomingLetterId: string | null;
  lastError: string | null;
  lastErrorCode: string | null;
  activationExpiresAt: string | null;
  activationExpired: boolean;
  checklist: Array<{ key: string; label: string; automatic: boolean; value: boolean | null }>;
  actions: string[];
  capacities: string[];
  steps: Array<{ no: number; name: string; actorLabel: string; standardMinutes: number | null; minutes: number | null; overStandard: boolean }>;
  timeline: Array<{ at: string; action: string; actorName: string | null; fromStep: number | null; toStep: number; toStatus: string; note: string | null }>;
  directoryAccounts: Array<{ directory: string; accountId: string; address: string; created: boolean; at: string }>;
}

export interface MonthlyReport {
  serviceName: string;
  sopNumber: string;
  month: string;
  requests: number;
  active: number;
  returned: number;
  returnedShare: number;
  steps: Array<{ no: number; name: string; actorLabel: string; standardMinutes: number | null; count: number; medianMinutes: number | null; p90Minutes: number | null }>;
}

export const ticketsKey = ['servicedesk', 'tickets'] as const;

export function useTickets(q: { status?: string | undefined; q?: string | undefined; page: number }) {
  return useQuery({
    queryKey: [...ticketsKey, q],
    queryFn: () => unwrap(api.GET('/api/v1/servicedesk/tickets', { params: { query: { page: q.page, pageSize: 25, ...(q.status ? { status: q.status as TicketStatus } : {}), ...(q.q ? { q: q.q } : {}) } } })),
  });
}

export function useTicket(id: string) {
  return useQuery({ queryKey: [...ticketsKey, 'one', id], queryFn: async () => (await unwrap(api.GET('/api/v1/servicedesk/tickets/{id}', { params: { path: { id } } }))) as unknown as TicketDetail });
}

export function useInvalidateTickets() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ticketsKey });
}

export function useMonthlyReport(month: string) {
  return useQuery({ queryKey: ['servicedesk', 'report', month], queryFn: async () => (await unwrap(api.GET('/api/v1/servicedesk/reports/monthly', { params: { query: { month, service: 'email-kedinasan' } } }))) as unknown as MonthlyReport });
}

export function useFileAccess(id: string, enabled: boolean) {
  return useQuery({ queryKey: ['servicedesk', 'file-access', id], enabled, queryFn: () => unwrap(api.GET('/api/v1/servicedesk/tickets/{id}/file-access', { params: { path: { id } } })) });
}
