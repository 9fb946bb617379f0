// Archive (records side) and search API: records found through the one search, a record with
// its frozen history, berkas, loans and the retention report.
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from './client';

export type Berkas = Schemas['Berkas'];
export type ArchiveRecord = Schemas['ArchiveRecord'];
export type SearchResult = Schemas['SearchResult'];
export type SearchHit = SearchResult['items'][number];

/** A record in a berkas (the API types it loosely; this is its shape). */
export interface BerkasItem {
  id: string;
  sourceKind: string;
  number: string | null;
  title: string;
  canOpen: boolean;
  documentDate: string | null;
  sifat: string;
  accessClass: string;
  legalHold: boolean;
  contentDeleted: boolean;
  files: Array<{ role: string; name: string; available: boolean }>;
  version: number;
}

export interface Loan {
  id: string;
  berkasId: string | null;
  recordId: string | null;
  label: string;
  borrower: string;
  purpose: string;
  loanedAt: string;
  dueOn: string;
  returnedAt: string | null;
  overdue: boolean;
  version: number;
}

export interface SearchQuery {
  q?: string | undefined;
  unitId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  kind?: SearchHit['kind'] | undefined;
  classification?: string | undefined;
  sifat?: string | undefined;
  state?: string | undefined;
  recordsOnly?: boolean;
  offset?: number;
}

export const archiveKey = ['archive'] as const;

export function useSearch(q: SearchQuery, enabled = true) {
  return useQuery({
    queryKey: ['search', q],
    enabled,
    placeholderData: keepPreviousData,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/search', {
          params: {
            query: {
              q: q.q || undefined,
              unitId: q.unitId,
              from: q.from,
              to: q.to,
              kind: q.kind,
              classification: q.classification || undefined,
              sifat: q.sifat,
              state: q.state,
              recordsOnly: q.recordsOnly ? 'true' : undefined,
              facets: 'true',
              limit: 20,
              offset: q.offset ?? 0,
            },
          },
        }),
      ),
  });
}

export function useRecord(id: string) {
  return useQuery({ queryKey: [...archiveKey, 'record', id], queryFn: () => unwrap(api.GET('/api/v1/archive/records/{id}', { params: { path: { id } } })) });
}

export function useBerkasList(q: { unitId?: string | undefined; status?: 'open' | 'closed' | undefined; year?: number | undefined }) {
  return useQuery({ queryKey: [...archiveKey, 'berkas', q], placeholderData: keepPreviousData, queryFn: () => unwrap(api.GET('/api/v1/archive/berkas', { params: { query: q } })) });
}

export function useBerkas(id: string) {
  return useQuery({
    queryKey: [...archiveKey, 'berkas', 'one', id],
    queryFn: async () => (await unwrap(api.GET('/api/v1/archive/berkas/{id}', { params: { path: { id } } }))) as unknown as Berkas & { items: BerkasItem[] },
  });
}

export function useLoans(open: boolean) {
  return useQuery({ queryKey: [...archiveKey, 'loans', open], queryFn: async () => (await unwrap(api.GET('/api/v1/archive/loans', { params: { query: open ? { open: 'true' } : {} } }))) as unknown as Loan[] });
}

export function useRetentionReport(q: { unitId?: string | undefined; horizonDays: number }) {
  return useQuery({ queryKey: [...archiveKey, 'retention', q], queryFn: () => unwrap(api.GET('/api/v1/archive/reports/retention', { params: { query: q } })) });
}

export function useInvalidateArchive() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: archiveKey }), qc.invalidateQueries({ queryKey: ['search'] })]);
}

// ----- Pemusnahan and serah arsip statis ---------------------------------------------------

export type Disposal = Schemas['ArchiveDisposal'];
export type DisposalDetail = Schemas['ArchiveDisposalDetail'];
export type DisposalKind = Disposal['kind'];
export type DisposalDocument = 'usul' | 'daftar' | 'berita-acara' | 'paket' | 'anri';

export function useDisposals(kind: DisposalKind) {
  return useQuery({ queryKey: [...archiveKey, 'disposals', kind], queryFn: () => unwrap(api.GET('/api/v1/archive/disposals', { params: { query: { kind } } })) });
}

export function useDisposal(id: string) {
  return useQuery({ queryKey: [...archiveKey, 'disposals', 'one', id], queryFn: () => unwrap(api.GET('/api/v1/archive/disposals/{id}', { params: { path: { id } } })) });
}

export const disposalDocumentHref = (id: string, which: DisposalDocument) => `/api/v1/archive/disposals/${id}/documents/${which}`;
