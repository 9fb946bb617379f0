import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';

export const dashboardQueryKey = ['dashboard'] as const;

/** The counts behind the Beranda tiles and the navigation badges. */
export function useDashboard() {
  return useQuery({ queryKey: dashboardQueryKey, queryFn: () => unwrap(api.GET('/api/v1/dashboard')), refetchInterval: 60_000 });
}
