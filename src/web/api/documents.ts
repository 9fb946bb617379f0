// Queries and writes of outgoing documents (naskah keluar), the inbox (naskah masuk), the outbox
// (menunggu dikirim), numbering (nomor, agenda) and the signer's TTE credential.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, postForm, unwrap, type Schemas } from './client';
import { dashboardQueryKey } from './dashboard';
import type { paths } from './schema';

export type DocumentDetail = Schemas['DocumentDetail'];
export type DocumentListItem = Schemas['DocumentListItem'];
export type DocumentStatus = DocumentDetail['status'];
export type DocumentAction = DocumentDetail['me']['actions'][number];
export type DocumentVersion = DocumentDetail['versions'][number];
export type DocumentStep = DocumentDetail['steps'][number];
export type PdfMarks = NonNullable<DocumentDetail['pdfMarks']>;
export type DocumentType = Schemas['DocumentType'];
export type Letterhead = Schemas['Letterhead'];
export type Sifat = DocumentDetail['sifat'];
export type Urgensi = DocumentDetail['urgensi'];
export type DraftKind = DocumentDetail['draftKind'];
export type ActionResult = Schemas['DocumentActionResult'];
export type NumberEntry = Schemas['NumberEntry'];
export type RegisterBody = paths['/api/v1/documents']['post']['requestBody']['content']['application/json'];
export type RecipientInput = RegisterBody['recipients'][number];
export type Box = 'drafts' | 'in_progress' | 'to_verify' | 'to_sign' | 'outgoing' | 'all';

export const docKeys = {
  all: ['documents'] as const,
  list: (box: Box, q: object) => ['documents', 'list', box, q] as const,
  detail: (id: string) => ['documents', 'detail', id] as const,
  inbox: (q: object) => ['documents', 'inbox', q] as const,
  outbox: (q: object) => ['documents', 'outbox', q] as const,
};

/** After any write: lists, the document page and the Beranda counts are stale. */
export function useInvalidateDocuments() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: docKeys.all });
    void qc.invalidateQueries({ queryKey: dashboardQueryKey });
    void qc.invalidateQueries({ queryKey: ['numbering'] });
  };
}

export function useDocumentTypes() {
  return useQuery({ queryKey: ['document-types'], queryFn: () => unwrap(api.GET('/api/v1/document-types')), staleTime: 10 * 60_000 });
}

export function useLetterheads(unitId: string | undefined) {
  return useQuery({
    queryKey: ['letterheads', unitId],
    queryFn: () => unwrap(api.GET('/api/v1/letterheads', { params: { query: { unitId } } })),
    enabled: Boolean(unitId),
    staleTime: 10 * 60_000,
  });
}

export function useRecipientGroups() {
  return useQuery({ queryKey: ['recipient-groups'], queryFn: () => unwrap(api.GET('/api/v1/recipient-groups')), staleTime: 5 * 60_000 });
}

export function useClassifications(q: string) {
  return useQuery({
    queryKey: ['classifications', q],
    queryFn: () => unwrap(api.GET('/api/v1/archive/classifications', { params: { query: { q: q || undefined, pageSize: 30 } } })),
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}

export function useDocumentList(box: Box, q: { page: number; pageSize: number; q?: string | undefined; status?: DocumentStatus | undefined }) {
  return useQuery({
    queryKey: docKeys.list(box, q),
    queryFn: () => unwrap(api.GET('/api/v1/documents', { params: { query: { box, ...q, q: q.q || undefined } } })),
    placeholderData: keepPreviousData,
  });
}

/** Conversion still running for the version on screen: poll until the PDF is there. */
export function conversionPending(d: DocumentDetail | undefined): boolean {
  return Boolean(d?.versions.some((v) => v.current && (v.conversionStatus === 'pending' || v.conversionStatus === 'running')));
}

export function useDocument(id: string | undefined) {
  return useQuery({
    queryKey: docKeys.detail(id ?? ''),
    queryFn: () => unwrap(api.GET('/api/v1/documents/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
    refetchInterval: (query) => (conversionPending(query.state.data) ? 1500 : false),
    staleTime: 5_000,
  });
}

export function useInbox(q: { page: number; pageSize: number; unread?: boolean }) {
  return useQuery({
    queryKey: docKeys.inbox(q),
    queryFn: () => unwrap(api.GET('/api/v1/inbox', { params: { query: { page: q.page, pageSize: q.pageSize, unread: q.unread ? 'true' : undefined } } })),
    placeholderData: keepPreviousData,
  });
}

export type DispatchStatus = 'awaiting' | 'sent' | 'failed' | 'cancelled';

export function useOutbox(q: { page: number; pageSize: number; status?: DispatchStatus | undefined }, enabled = true) {
  return useQuery({
    queryKey: docKeys.outbox(q),
    queryFn: () => unwrap(api.GET('/api/v1/outbox', { params: { query: q } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export const fileUrl = (documentId: string, fileId: string, download = false) => `/api/v1/documents/${documentId}/files/${fileId}${download ? '?download=1' : ''}`;

export const templateUrl = (documentTypeId: string, letterheadId: string, paper: 'A4' | 'F4') =>
  `/api/v1/templates/download?${new URLSearchParams({ documentTypeId, letterheadId, paper }).toString()}`;

type Act =
  | { action: 'submit'; note?: string | null }
  | { action: 'approve'; note?: string | null }
  | { action: 'return'; reason: string; to: 'drafter' | number }
  | { action: 'sign'; passphrase: string }
  | { action: 'cancel'; reason: string };

/** One workflow action on the document; refetches the page afterwards. */
export function useDocumentAction(id: string, opts: { inlineErrors?: boolean } = {}) {
  const invalidate = useInvalidateDocuments();
  return useMutation({
    meta: { inlineErrors: opts.inlineErrors },
    mutationFn: async ({ version, ...a }: Act & { version: number }): Promise<ActionResult> => {
      const path = { params: { path: { id } } };
      switch (a.action) {
        case 'submit':
          return unwrap(api.POST('/api/v1/documents/{id}/submit', { ...path, body: { version, note: a.note ?? null } }));
        case 'approve':
          return unwrap(api.POST('/api/v1/documents/{id}/approve', { ...path, body: { version, note: a.note ?? null } }));
        case 'return':
          return unwrap(api.POST('/api/v1/documents/{id}/return', { ...path, body: { version, reason: a.reason, to: a.to } }));
        case 'sign':
          return unwrap(api.POST('/api/v1/documents/{id}/sign', { ...path, body: { version, passphrase: a.passphrase } }));
        case 'cancel':
          return unwrap(api.POST('/api/v1/documents/{id}/cancel', { ...path, body: { version, reason: a.reason } }));
      }
    },
    onSettled: invalidate,
  });
}

export function uploadVersion(id: string, version: number, file: File, note?: string) {
  return postForm<{ id: string; n: number; version: number }>(`/api/v1/documents/${id}/versions`, { version, note }, { blob: file, name: file.name });
}

export function uploadAttachment(id: string, version: number, file: File) {
  return postForm<{ id: string; version: number }>(`/api/v1/documents/${id}/attachments`, { version }, { blob: file, name: file.name });
}

export function editAndApprove(id: string, version: number, file: File, note?: string) {
  return postForm<ActionResult>(`/api/v1/documents/${id}/edit-and-approve`, { version, note }, { blob: file, name: file.name });
}

export async function fetchDocument(id: string): Promise<DocumentDetail> {
  return unwrap(api.GET('/api/v1/documents/{id}', { params: { path: { id } } }));
}

export function useCertificate(enabled = true) {
  return useQuery({ queryKey: ['signature', 'certificate'], queryFn: () => unwrap(api.GET('/api/v1/signature/certificate')), enabled, staleTime: 60_000 });
}

export function useReservedNumbers(unitId: string | undefined) {
  return useQuery({
    queryKey: ['numbering', 'reserved', unitId],
    queryFn: () => unwrap(api.GET('/api/v1/numbering/reservations', { params: { query: { unitId: unitId! } } })),
    enabled: Boolean(unitId),
  });
}

export function useNumberingSettings(unitId: string | undefined) {
  return useQuery({
    queryKey: ['numbering', 'settings', unitId],
    queryFn: () => unwrap(api.GET('/api/v1/numbering/units/{unitId}/settings', { params: { path: { unitId: unitId! } } })),
    enabled: Boolean(unitId),
    staleTime: 5 * 60_000,
  });
}
