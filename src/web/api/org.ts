// Queries of the organisation: units, positions with holders, users.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Role, type Schemas } from './client';

export type Unit = Schemas['Unit'];
export type Position = Schemas['Position'];
export type Holder = Position['holders'][number];
export type User = Schemas['User'];
export type ImportReport = Schemas['ImportReport'];

export const orgKeys = {
  all: ['org'] as const,
  units: (includeInactive: boolean) => ['org', 'units', { includeInactive }] as const,
  unit: (id: string) => ['org', 'unit', id] as const,
  users: (q: UserQuery) => ['org', 'users', q] as const,
  user: (id: string) => ['org', 'user', id] as const,
  positions: (q: string, unitId?: string) => ['org', 'positions', { q, unitId }] as const,
};

export function useUnits(includeInactive = false) {
  return useQuery({ queryKey: orgKeys.units(includeInactive), queryFn: () => unwrap(api.GET('/api/v1/org/units', { params: { query: { includeInactive } } })), staleTime: 60_000 });
}

export function useUnit(id: string | undefined) {
  return useQuery({
    queryKey: orgKeys.unit(id ?? ''),
    queryFn: () => unwrap(api.GET('/api/v1/org/units/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
}
export type UnitWithPositions = NonNullable<ReturnType<typeof useUnit>['data']>;

export interface UserQuery {
  q?: string | undefined;
  page: number;
  pageSize: number;
  unitId?: string | undefined;
  role?: Role | undefined;
  status?: 'active' | 'inactive' | undefined;
}

export function useUsers(q: UserQuery, enabled = true) {
  return useQuery({
    queryKey: orgKeys.users(q),
    queryFn: () => unwrap(api.GET('/api/v1/org/users', { params: { query: { ...q, q: q.q || undefined } } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useUser(id: string | undefined) {
  return useQuery({
    queryKey: orgKeys.user(id ?? ''),
    queryFn: () => unwrap(api.GET('/api/v1/org/users/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
}
export type UserDetail = NonNullable<ReturnType<typeof useUser>['data']>;

export function usePositionSearch(q: string, unitId?: string) {
  return useQuery({
    queryKey: orgKeys.positions(q, unitId),
    queryFn: () => unwrap(api.GET('/api/v1/org/positions', { params: { query: { q: q || undefined, unitId, limit: 50 } } })),
    placeholderData: keepPreviousData,
  });
}

export interface UnitNode {
  unit: Unit;
  children: UnitNode[];
}

/** The flat list (parentId) as a tree, siblings by sortOrder then name. */
export function buildUnitTree(units: Unit[]): UnitNode[] {
  const byId = new Map(units.map((u) => [u.id, { unit: u, children: [] as UnitNode[] }]));
  const roots: UnitNode[] = [];
  for (const node of byId.values()) {
    const parent = node.unit.parentId ? byId.get(node.unit.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (nodes: UnitNode[]) => {
    nodes.sort((a, b) => a.unit.sortOrder - b.unit.sortOrder || a.unit.name.localeCompare(b.unit.name, 'id'));
    nodes.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

/** Units in tree order with their depth, for selects ("— Bagian Umum"). */
export function flattenUnitTree(nodes: UnitNode[], depth = 0, out: Array<{ unit: Unit; depth: number }> = []) {
  for (const n of nodes) {
    out.push({ unit: n.unit, depth });
    flattenUnitTree(n.children, depth + 1, out);
  }
  return out;
}

/** All active positions (for choosing a superior position); a pemda has hundreds, not thousands. */
export function useAllPositions(enabled = true) {
  return useQuery({
    queryKey: ['org', 'positions', 'all'],
    queryFn: () => unwrap(api.GET('/api/v1/org/positions', { params: { query: { limit: 500 } } })),
    staleTime: 60_000,
    enabled,
  });
}
