// Routes and the session gate: signed out -> login (then back to the page asked for); a
// temporary password or a missing 2FA enrolment -> only that screen; otherwise the app.
import { useState } from 'react';
import { Button, Center, Loader, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, Route, Routes, useLocation, useSearchParams } from 'react-router-dom';
import { meQueryKey } from './api/queryClient';
import { didSignOutOnPurpose, useMe } from './auth/session';
import { AppLayout } from './layout/AppLayout';
import { ComingSoonPage, NotFoundPage } from './pages/ComingSoonPage';
import { SearchPage } from './pages/search/SearchPage';
import { ForcedPasswordPage } from './pages/ForcedPasswordPage';
import { ForcedTotpPage } from './pages/ForcedTotpPage';
import { LoginPage, safeNext } from './pages/LoginPage';
import { ProfilePage } from './pages/ProfilePage';
import { DocumentPage } from './pages/documents/DocumentPage';
import { LetterPage } from './pages/incoming/LetterPage';
import { RegisterIncomingPage } from './pages/incoming/RegisterIncomingPage';
import { ActivationPage } from './pages/servicedesk/ActivationPage';
import { describeError } from './lib/errors';
import { sections } from './sections';

/** /me failed for another reason than "not signed in" (server down, network): say so, retry. */
function ServerUnreachable({ onRetry, message }: { onRetry: () => void; message: string }) {
  const { t } = useTranslation();
  return (
    <Center h="100dvh" p="md">
      <Stack align="center" maw={420} ta="center">
        <Text fw={600}>{t('errors.unreachableTitle')}</Text>
        <Text c="dimmed" size="sm">
          {message}
        </Text>
        <Button onClick={onRetry}>{t('common.retry')}</Button>
      </Stack>
    </Center>
  );
}

function FullPageLoader() {
  return (
    <Center h="100dvh">
      <Loader />
    </Center>
  );
}

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginRoute />} />
      <Route path="/aktivasi/:token" element={<ActivationPage />} />
      <Route path="*" element={<SessionGate />} />
    </Routes>
  );
}

function LoginRoute() {
  const me = useMe();
  const [params] = useSearchParams();
  if (me.isPending) return <FullPageLoader />;
  if (me.isError && me.data === undefined) return <ServerUnreachable onRetry={() => void me.refetch()} message={describeError(me.error)} />;
  if (me.data) return <Navigate to={safeNext(params.get('next'))} replace />;
  return <LoginPage />;
}

function SessionGate() {
  const me = useMe();
  const location = useLocation();
  const qc = useQueryClient();
  // Keeps the enrolment screen up while the user saves the recovery codes (the session is
  // already allowed by then).
  const [holdEnrolment, setHoldEnrolment] = useState(false);

  if (me.isPending) return <FullPageLoader />;
  if (me.isError && me.data === undefined) return <ServerUnreachable onRetry={() => void me.refetch()} message={describeError(me.error)} />;
  if (!me.data) {
    const here = location.pathname + location.search;
    return <Navigate to={here === '/' || didSignOutOnPurpose() ? '/login' : `/login?next=${encodeURIComponent(here)}`} replace />;
  }
  if (me.data.mustChangePassword) return <ForcedPasswordPage me={me.data} />;
  if (me.data.mfaEnrolmentRequired || holdEnrolment) {
    return (
      <ForcedTotpPage
        me={me.data}
        onCodesShown={() => setHoldEnrolment(true)}
        onFinished={() => {
          setHoldEnrolment(false);
          void qc.invalidateQueries({ queryKey: meQueryKey });
        }}
      />
    );
  }
  return (
    <AppLayout>
      <Routes>
        {sections.map((s) => (
          <Route key={s.key} path={s.path} element={s.element ?? <ComingSoonPage section={s} />} />
        ))}
        <Route path="/profil/*" element={<ProfilePage />} />
        <Route path="/cari" element={<SearchPage />} />
        <Route path="/naskah/:id" element={<DocumentPage />} />
        <Route path="/surat-masuk/catat" element={<RegisterIncomingPage />} />
        <Route path="/surat-masuk/:id" element={<LetterPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </AppLayout>
  );
}
