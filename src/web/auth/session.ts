// The signed-in user (GET /me) and the actions that change the session.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { api, ApiError, setCsrfToken, unwrap, type Me, type Role } from '../api/client';
import { meQueryKey, queryClient } from '../api/queryClient';
import { applyLanguage, currentLang, type Lang } from '../i18n';

async function fetchMe(): Promise<Me | null> {
  try {
    const me = await unwrap(api.GET('/api/v1/me'));
    adoptSession(me);
    return me;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

/** Remember the CSRF token; take the user's saved language when they have one. */
export function adoptSession(me: Me): void {
  setCsrfToken(me.csrfToken);
  if (me.user.lang && me.user.lang !== currentLang()) applyLanguage(me.user.lang);
}

/** undefined while loading, null when signed out. */
export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 5 * 60_000, refetchOnWindowFocus: false, meta: { inlineErrors: true } });
}

/** The signed-in user; only inside the gate (AppLayout and its pages). */
export function useSignedInUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useSignedInUser outside the session gate');
  return data;
}

export function hasRole(me: Me, role: Role): boolean {
  return me.roles.some((r) => r.role === role);
}

/** Drafting is for drafters, and for the records officers who register drafts for others. */
export function canDraft(me: Me): boolean {
  return hasRole(me, 'drafter') || hasRole(me, 'records_officer');
}

export function isSystemAdmin(me: Me): boolean {
  return me.roles.some((r) => r.role === 'system_admin' && r.unitId === null);
}

let signedOutOnPurpose = false;
/** True after "Keluar" (until the next login): the login page then needs no ?next=. */
export function didSignOutOnPurpose(): boolean {
  return signedOutOnPurpose;
}

/** After a successful login. */
export function signedIn(me: Me): void {
  signedOutOnPurpose = false;
  adoptSession(me);
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
  queryClient.setQueryData(meQueryKey, me);
}

function signedOut(): void {
  setCsrfToken(undefined);
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
  queryClient.setQueryData(meQueryKey, null);
}

/** Sign out here or everywhere; lands on the plain login page (no return to the last page). */
export function useLogout() {
  const navigate = useNavigate();
  return useMutation({
    mutationFn: async (everywhere: boolean) => {
      if (everywhere) await unwrap(api.POST('/api/v1/auth/logout-all'));
      else await unwrap(api.POST('/api/v1/auth/logout'));
    },
    onSettled: () => {
      signedOutOnPurpose = true;
      signedOut();
      void navigate('/login', { replace: true });
    },
  });
}

/** Switch language: on this device at once, and in the user's preferences when signed in. */
export function useSetLanguage() {
  const qc = useQueryClient();
  return async (lang: Lang) => {
    applyLanguage(lang);
    const me = qc.getQueryData<Me | null>(meQueryKey);
    if (me) {
      const updated: Me = { ...me, user: { ...me.user, lang } };
      qc.setQueryData(meQueryKey, updated);
      try {
        await unwrap(api.PATCH('/api/v1/me/preferences', { body: { lang } }));
      } catch {
        /* the local choice still applies; the server copy is a convenience */
      }
    }
    // Server messages in cached data (none today) and labels follow the new language.
    void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
  };
}
