// The app's sections: navigation (sidebar, phone bottom bar) and routes in one table.
// A section without a page yet shows the "segera hadir" page; later issues put their page in
// `element` here.
import type { ReactNode } from 'react';
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
  type Icon,
} from '@tabler/icons-react';
import type { Me, Schemas } from './api/client';
import { hasRole, isSystemAdmin } from './auth/session';
import { DashboardPage } from './pages/DashboardPage';
import { OrgPage } from './pages/org/OrgPage';
import { AdminPage } from './pages/admin/AdminPage';
import { DraftsSection, ToSignPage, ToVerifyPage } from './pages/documents/BoxPages';
import { InboxPage } from './pages/documents/InboxPage';
import { OutgoingPage } from './pages/documents/OutgoingPage';
import { RegisterSection } from './pages/register/RegisterPage';

export type DashboardCounts = Schemas['Dashboard'];

export interface Section {
  /** i18n key under "nav." and (for coming-soon pages) "soon." */
  key: string;
  path: string;
  icon: Icon;
  /** The page; undefined = "segera hadir". Nested routes: end the path with /*. */
  element?: ReactNode;
  /** Dashboard count shown as a badge in the navigation. */
  badge?: keyof DashboardCounts;
  visible?: (me: Me) => boolean;
  /** Offered in the phone's bottom bar when this returns true. */
  phone?: (me: Me) => boolean;
}

export const sections: Section[] = [
  { key: 'home', path: '/', icon: IconHome, element: <DashboardPage />, phone: () => true },
  { key: 'drafts', path: '/konsep/*', icon: IconPencil, element: <DraftsSection />, badge: 'returned', phone: (me) => !hasRole(me, 'signer') && !hasRole(me, 'verifier') },
  { key: 'toVerify', path: '/perlu-verifikasi', icon: IconChecklist, element: <ToVerifyPage />, badge: 'toVerify', phone: (me) => hasRole(me, 'verifier') },
  { key: 'toSign', path: '/tanda-tangan', icon: IconSignature, element: <ToSignPage />, badge: 'toSign', phone: (me) => hasRole(me, 'signer') },
  { key: 'incoming', path: '/masuk', icon: IconInbox, element: <InboxPage />, badge: 'incomingUnread', phone: () => true },
  { key: 'dispositions', path: '/disposisi', icon: IconRoute, badge: 'dispositionPending' },
  { key: 'outgoing', path: '/keluar', icon: IconSend, element: <OutgoingPage />, badge: 'signedNotSent', phone: (me) => hasRole(me, 'records_officer') },
  { key: 'register', path: '/agenda/*', icon: IconBook2, element: <RegisterSection />, visible: (me) => hasRole(me, 'records_officer') || isSystemAdmin(me) },
  { key: 'archive', path: '/arsip', icon: IconArchive },
  { key: 'org', path: '/organisasi/*', icon: IconBuildingCommunity, element: <OrgPage /> },
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
