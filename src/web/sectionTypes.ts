// The shape of a section of the app (sections.tsx lists them); pages import these types from here.
import type { ReactNode } from 'react';
import type { Icon } from '@tabler/icons-react';
import type { Me, Schemas } from './api/client';

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
