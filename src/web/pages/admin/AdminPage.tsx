// Admin (system_admin only): accounts, CSV import of the organisation, 2FA policy per role, the audit trail.
import { Stack, Tabs, Title } from '@mantine/core';
import { IconFileImport, IconHistory, IconShieldLock, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { isSystemAdmin, useSignedInUser } from '../../auth/session';
import { ForbiddenPage } from '../ComingSoonPage';
import { UsersPanel } from '../org/UsersPanel';
import { AuditPanel } from './AuditPanel';
import { ImportPanel } from './ImportPanel';
import { MfaPolicyPanel } from './MfaPolicyPanel';

const TABS = [
  { value: 'pengguna', icon: IconUsers, label: 'admin.tabs.users' },
  { value: 'impor', icon: IconFileImport, label: 'admin.tabs.import' },
  { value: 'keamanan', icon: IconShieldLock, label: 'admin.tabs.security' },
  { value: 'audit', icon: IconHistory, label: 'admin.tabs.audit' },
];

export function AdminPage() {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  if (!isSystemAdmin(me)) return <ForbiddenPage />;
  const tab = TABS.find((x) => pathname.startsWith(`/admin/${x.value}`))?.value ?? 'pengguna';
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('nav.admin')}
      </Title>
      <Tabs value={tab} onChange={(v) => void navigate(`/admin/${v}`)}>
        <Tabs.List>
          {TABS.map((x) => (
            <Tabs.Tab key={x.value} value={x.value} leftSection={<x.icon size={16} />}>
              {t(x.label)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Routes>
        <Route index element={<Navigate to="pengguna" replace />} />
        <Route path="pengguna" element={<UsersPanel admin />} />
        <Route path="impor" element={<ImportPanel />} />
        <Route path="keamanan" element={<MfaPolicyPanel />} />
        <Route path="audit" element={<AuditPanel />} />
      </Routes>
    </Stack>
  );
}
