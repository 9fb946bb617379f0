// Routes and the session gate: signed out -> login (then back to the page asked for); a
// temporary password or a missing 2FA enrolment -> only that screen; otherwise the app.
import { useState } from 'react';
import { Center, Loader } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, Route, Routes, useLocation, useSearchParams } from 'react-router-dom';
import { meQueryKey } from './api/queryClient';
import { didSignOutOnPurpose, useMe } from './auth/session';
import { AppLayout } from './layout/AppLayout';
import { ComingSoonPage, NotFoundPage } from './pages/ComingSoonPage';
import { ForcedPasswordPage } from './pages/ForcedPasswordPage';
import { ForcedTotpPage } from './pages/ForcedTotpPage';
import { LoginPage, safeNext } from './pages/LoginPage';
import { ProfilePage } from './pages/ProfilePage';
import { sections } from './sections';

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
      <Route path="*" element={<SessionGate />} />
    </Routes>
  );
}

function LoginRoute() {
  const me = useMe();
  const [params] = useSearchParams();
  if (me.isPending) return <FullPageLoader />;
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
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </AppLayout>
  );
}
