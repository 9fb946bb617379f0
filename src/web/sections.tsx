// The app's sections: navigation (sidebar, phone bottom bar) and routes in one table.
// A section without a page yet shows the "segera hadir" page; later issues put their page in
// `element` here.
import {
  IconArchive,
  IconBook2,
  IconBuildingCommunity,
  IconHome,
  IconInbox,
  IconPencil,
  IconRoute,
  IconSend,
  IconSettings,
  IconSignature,
  IconChecklist,
  IconMailCog,
  IconClockHour4,
  IconKey,
} from '@tabler/icons-react';
import type { Me } from './api/client';
import { canDraft, hasRole, isSystemAdmin } from './auth/session';
import { DashboardPage } from './pages/DashboardPage';
import { OrgPage } from './pages/org/OrgPage';
import { AdminPage } from './pages/admin/AdminPage';
import { DraftsSection, ToSignPage, ToVerifyPage } from './pages/documents/BoxPages';
import { InboxPage } from './pages/documents/InboxPage';
import { OutgoingPage } from './pages/documents/OutgoingPage';
import { RegisterSection } from './pages/register/RegisterPage';
import { DispositionsPage } from './pages/incoming/DispositionsPage';
import { ServiceDeskSection } from './pages/servicedesk/ServiceDeskPages';
import { ArchiveSection } from './pages/archive/ArchivePages';
import { SopClockSection } from './pages/sopclock/SopClockPage';
import { EnrolmentApprovalPage } from './pages/keys/EnrolmentApprovalPage';

export type { DashboardCounts, Section } from './sectionTypes';
import type { Section } from './sectionTypes';

export const sections: Section[] = [
  { key: 'home', path: '/', icon: IconHome, element: <DashboardPage />, phone: () => true },
  { key: 'drafts', path: '/konsep/*', icon: IconPencil, element: <DraftsSection />, badge: 'returned', visible: canDraft, phone: (me) => !hasRole(me, 'signer') && !hasRole(me, 'verifier') },
  { key: 'toVerify', path: '/perlu-verifikasi', icon: IconChecklist, element: <ToVerifyPage />, badge: 'toVerify', visible: (me) => hasRole(me, 'verifier'), phone: (me) => hasRole(me, 'verifier') },
  { key: 'toSign', path: '/tanda-tangan', icon: IconSignature, element: <ToSignPage />, badge: 'toSign', visible: (me) => hasRole(me, 'signer'), phone: (me) => hasRole(me, 'signer') },
  { key: 'incoming', path: '/masuk', icon: IconInbox, element: <InboxPage />, badge: 'incomingUnread', phone: () => true },
  { key: 'dispositions', path: '/disposisi', icon: IconRoute, element: <DispositionsPage />, badge: 'dispositionPending' },
  { key: 'outgoing', path: '/keluar', icon: IconSend, element: <OutgoingPage />, badge: 'signedNotSent', phone: (me) => hasRole(me, 'records_officer') },
  { key: 'register', path: '/agenda/*', icon: IconBook2, element: <RegisterSection />, visible: (me) => hasRole(me, 'records_officer') || isSystemAdmin(me) },
  { key: 'services', path: '/layanan/*', icon: IconMailCog, element: <ServiceDeskSection /> },
  { key: 'archive', path: '/arsip/*', icon: IconArchive, element: <ArchiveSection />, visible: (me) => hasRole(me, 'records_officer') || isSystemAdmin(me) },
  { key: 'sopClock', path: '/kinerja-sop/*', icon: IconClockHour4, element: <SopClockSection />, visible: (me) => isSystemAdmin(me) || me.positions.some((p) => p.isUnitHead) },
  { key: 'org', path: '/organisasi/*', icon: IconBuildingCommunity, element: <OrgPage /> },
  { key: 'keyApproval', path: '/otoritas-pendaftaran', icon: IconKey, element: <EnrolmentApprovalPage />, visible: (me) => hasRole(me, 'registration_authority') },
  { key: 'admin', path: '/admin/*', icon: IconSettings, element: <AdminPage />, visible: isSystemAdmin },
];

/** The path to link to (without a trailing /*). */
export function sectionHref(s: Section): string {
  return s.path.replace(/\/\*$/, '') || '/';
}

export function visibleSections(me: Me): Section[] {
  return sections.filter((s) => !s.visible || s.visible(me));
}

/** At most four sections for the phone's bottom bar (the fifth slot is "Menu"). */
export function phoneSections(me: Me): Section[] {
  return visibleSections(me)
    .filter((s) => s.phone?.(me))
    .slice(0, 4);
}
