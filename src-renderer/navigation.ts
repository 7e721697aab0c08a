/** The app's sections, in navigation order. Routes, the nav bar and Spotlight all read this list. */
import {
  IconBinaryTree2,
  IconCamera,
  IconDatabase,
  IconPlugConnected,
  IconRefresh,
  IconRobot,
  IconSearch,
  IconSettings,
  type Icon,
} from '@tabler/icons-react';

export interface Section {
  readonly path: string;
  readonly label: string;
  readonly description: string;
  readonly icon: Icon;
}

export const sections: readonly Section[] = [
  { path: '/connections', label: 'Connections', description: 'Qlik tenants and their API keys', icon: IconPlugConnected },
  { path: '/crawl', label: 'Crawl', description: 'Read a tenant into the catalog', icon: IconRefresh },
  { path: '/catalog', label: 'Catalog', description: 'Spaces, apps, sheets and charts', icon: IconDatabase },
  { path: '/search', label: 'Search', description: 'Find anything in the catalog', icon: IconSearch },
  { path: '/automations', label: 'Automations', description: 'Qlik Application Automations and their runs', icon: IconRobot },
  { path: '/lineage', label: 'Lineage', description: 'Where the numbers come from', icon: IconBinaryTree2 },
  { path: '/snapshots', label: 'Snapshots', description: 'Earlier crawls, compared and shared', icon: IconCamera },
  { path: '/settings', label: 'Settings', description: 'Appearance and behaviour', icon: IconSettings },
];
