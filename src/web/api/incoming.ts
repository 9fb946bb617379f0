// Queries and writes of incoming letters (registration, agenda, Naskah Masuk) and dispositions.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, postForm, unwrap, type Schemas } from './client';
import { dashboardQueryKey } from './dashboard';

export type IncomingLetter = Schemas['IncomingLetterDetail'];
export type IncomingListItem = Schemas['IncomingListItem'];
export type DispositionNode = Schemas['DispositionNode'];
export type DispositionListItem = Schemas['DispositionListItem'];

export const incomingKeys = {
  all: ['incoming'] as const,
  letter: (id: string) => ['incoming', 'letter', id] as const,
  inbox: (q: object) => ['incoming', 'inbox', q] as const,
  agenda: (q: object) => ['incoming', 'agenda', q] as const,
  dispositions: (q: object) => ['incoming', 'dispositions', q] as const,
};

export function useInvalidateIncoming() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: incomingKeys.all });
    void qc.invalidateQueries({ queryKey: dashboardQueryKey });
  };
}

export function useIncomingLetter(id: string | undefined, opts: { pollWhile?: (l: IncomingLetter) => boolean } = {}) {
  return useQuery({
    queryKey: incomingKeys.letter(id ?? ''),
    enabled: !!id,
    queryFn: () => unwrap(api.GET('/api/v1/incoming-letters/{id}', { params: { path: { id: id! } } })),
    // While a job works on the letter (OCR), look again every two seconds.
    refetchInterval: (q) => (opts.pollWhile && q.state.data && opts.pollWhile(q.state.data) ? 2000 : false),
  });
}

export function useRegisteredInbox(q: { page: number; pageSize: number; unread: boolean }) {
  return useQuery({
    queryKey: incomingKeys.inbox(q),
    queryFn: () => unwrap(api.GET('/api/v1/incoming/inbox', { params: { query: { page: q.page, pageSize: q.pageSize, unread: q.unread ? 'true' : 'false' } } })),
  });
}

export function useAgenda(q: { page: number; pageSize: number; status?: IncomingListItem['status'] | undefined }, enabled = true) {
  return useQuery({ queryKey: incomingKeys.agenda(q), enabled, queryFn: () => unwrap(api.GET('/api/v1/incoming/agenda', { params: { query: { page: q.page, pageSize: q.pageSize, ...(q.status ? { status: q.status } : {}) } } })) });
}

export function useDispositionList(q: { box: 'masuk' | 'keluar' | 'tindak-lanjut'; filter?: 'all' | 'unread' | 'due' | 'overdue' | 'open' | undefined; page: number; pageSize: number }) {
  return useQuery({ queryKey: incomingKeys.dispositions(q), queryFn: () => unwrap(api.GET('/api/v1/dispositions', { params: { query: { box: q.box, page: q.page, pageSize: q.pageSize, ...(q.filter && q.filter !== 'all' ? { filter: q.filter } : {}) } } })) });
}

export function useDispositionCounts() {
  return useQuery({ queryKey: ['incoming', 'counts'], queryFn: () => unwrap(api.GET('/api/v1/dispositions/counts')), refetchInterval: 60_000 });
}

export function useInstructions() {
  return useQuery({ queryKey: ['incoming', 'instructions'], staleTime: 10 * 60_000, queryFn: () => unwrap(api.GET('/api/v1/disposition-instructions')) });
}

export function useReceivers(letterId: string, parentId: string | null, enabled: boolean) {
  return useQuery({
    queryKey: ['incoming', 'receivers', letterId, parentId],
    enabled,
    queryFn: () => unwrap(api.GET('/api/v1/incoming-letters/{id}/disposition-receivers', { params: { path: { id: letterId }, query: parentId ? { parentId } : {} } })),
  });
}

export function useSenders(q: string) {
  return useQuery({ queryKey: ['incoming', 'senders', q], queryFn: () => unwrap(api.GET('/api/v1/incoming/senders', { params: { query: q ? { q } : {} } })) });
}

export type DisposeBody = { parentId?: string | null; version?: number; receiverPositionIds: string[]; instructions: string[]; note?: string | null; dueDate?: string | null };

export function useDispositionActions(letterId: string) {
  const invalidate = useInvalidateIncoming();
  const opts = { onSuccess: invalidate };
  return {
    dispose: useMutation({ ...opts, mutationFn: (body: DisposeBody) => unwrap(api.POST('/api/v1/incoming-letters/{id}/dispositions', { params: { path: { id: letterId } }, body })) }),
    cancel: useMutation({ ...opts, mutationFn: (n: { id: string; version: number }) => unwrap(api.POST('/api/v1/incoming-letters/{id}/dispositions/{nodeId}/cancel', { params: { path: { id: letterId, nodeId: n.id } }, body: { version: n.version } })) }),
    withdraw: useMutation({ ...opts, mutationFn: (n: { id: string; version: number; reason: string }) => unwrap(api.POST('/api/v1/incoming-letters/{id}/dispositions/{nodeId}/withdraw', { params: { path: { id: letterId, nodeId: n.id } }, body: { version: n.version, reason: n.reason } })) }),
    report: useMutation({
      ...opts,
      mutationFn: async (n: { id: string; version: number; text: string; files: File[] }) => {
        const form = new FormData();
        form.append('version', String(n.version));
        form.append('text', n.text);
        for (const f of n.files) form.append('file', f, f.name);
        return postMultipart(`/api/v1/incoming-letters/${letterId}/dispositions/${n.id}/report`, form);
      },
    }),
    send: useMutation({ ...opts, mutationFn: (version: number) => unwrap(api.POST('/api/v1/incoming-letters/{id}/send', { params: { path: { id: letterId } }, body: { version } })) }),
  };
}

/** Multipart with several files (postForm takes one). */
export async function postMultipart<T = unknown>(url: string, form: FormData): Promise<T> {
  // postForm handles CSRF, language and errors; pass the fields through it by re-wrapping.
  return postForm<T>(url, {}, undefined, form);
}

export async function markLetterRead(id: string) {
  await unwrap(api.POST('/api/v1/incoming-letters/{id}/read', { params: { path: { id } } }));
}

export async function markDispositionRead(letterId: string, nodeId: string) {
  return unwrap(api.POST('/api/v1/incoming-letters/{id}/dispositions/{nodeId}/read', { params: { path: { id: letterId, nodeId } } }));
}
