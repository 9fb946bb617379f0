// TanStack Query client with the app-wide reactions to API errors: a lost session sends the user
// to the login page (and back afterwards), a restricted session re-reads /me so the forced
// screens show, everything else is a notification unless the caller shows it inline
// (meta: { inlineErrors: true }).
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './client';

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: { inlineErrors?: boolean };
    mutationMeta: { inlineErrors?: boolean };
  }
}

export const meQueryKey = ['me'] as const;

let notify: (err: unknown) => void = () => {};
/** Set by main.tsx (avoids an import cycle with the notification module). */
export function setErrorNotifier(fn: (err: unknown) => void): void {
  notify = fn;
}

function handle(err: unknown, inline: boolean | undefined): void {
  if (err instanceof ApiError) {
    if (err.status === 401 && err.code === 'UNAUTHENTICATED') {
      // The session ended (expired, or signed out elsewhere): forget everything; the gate
      // redirects to the login page with ?next= so the user comes back here.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
      queryClient.setQueryData(meQueryKey, null);
      return;
    }
    if (err.code === 'PASSWORD_CHANGE_REQUIRED' || err.code === 'TOTP_ENROLMENT_REQUIRED') {
      void queryClient.invalidateQueries({ queryKey: meQueryKey });
      return;
    }
    // A stale CSRF token: /me hands out the session's current one; the user retries.
    if (err.code === 'CSRF_INVALID') void queryClient.invalidateQueries({ queryKey: meQueryKey });
  }
  if (!inline) notify(err);
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (err, query) => handle(err, query.meta?.inlineErrors) }),
  mutationCache: new MutationCache({ onError: (err, _v, _c, mutation) => handle(err, mutation.meta?.inlineErrors) }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      retry: (count, err) => !(err instanceof ApiError && err.status > 0 && err.status < 500) && count < 2,
      refetchOnWindowFocus: true,
    },
    mutations: { retry: false },
  },
});
