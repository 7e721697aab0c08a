import { AppShell, Burger, Group, Kbd, NavLink, Text, Title, Tooltip, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { spotlight, type SpotlightActionData } from '@mantine/spotlight';
import { IconDatabaseSearch, IconSearch } from '@tabler/icons-react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { sections } from '../navigation';
import { CatalogScreen } from '../screens/catalog/CatalogScreen';
import { ComingScreen } from '../screens/coming/ComingScreen';
import { ConnectionsScreen } from '../screens/connections/ConnectionsScreen';
import { LineageScreen } from '../screens/lineage/LineageScreen';
import { CrawlScreen } from '../screens/crawl/CrawlScreen';
import { AutomationPage } from '../screens/automations/AutomationPage';
import { AutomationsScreen } from '../screens/automations/AutomationsScreen';
import { useCrawlJobSync } from '../api/crawl-jobs';
import { CrawlIndicator } from './CrawlIndicator';
import { SearchScreen } from '../screens/search/SearchScreen';
import { SettingsScreen } from '../screens/settings/SettingsScreen';
import { DiffScreen } from '../screens/snapshots/DiffScreen';
import { SnapshotsScreen } from '../screens/snapshots/SnapshotsScreen';
import { ChangeNotifications } from './ChangeNotifications';
import { CatalogSpotlight } from './CatalogSpotlight';
import { ColorSchemeToggle } from './ColorSchemeToggle';
import { ShortcutsHelp } from './ShortcutsHelp';

export function Shell() {
  const [navOpened, { toggle: toggleNav }] = useDisclosure();
  const location = useLocation();
  const navigate = useNavigate();
  useCrawlJobSync();

  const actions: SpotlightActionData[] = sections.map((section) => ({
    id: `go:${section.path}`,
    label: section.label,
    description: section.description,
    leftSection: <section.icon size={20} stroke={1.5} />,
    onClick: () => navigate(section.path),
  }));

  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !navOpened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Burger opened={navOpened} onClick={toggleNav} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <IconDatabaseSearch size={22} stroke={1.6} aria-hidden />
            <Title order={1} size="h4">
              Qlik Metadata Explorer
            </Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <CrawlIndicator />
            <Tooltip label="Search everything (Ctrl+K)">
              <UnstyledButton onClick={() => spotlight.open()} aria-label="Open search">
                <Group gap={6} wrap="nowrap">
                  <IconSearch size={16} aria-hidden />
                  <Text size="sm" c="dimmed">
                    Search
                  </Text>
                  <Kbd size="xs">Ctrl</Kbd>
                  <Kbd size="xs">K</Kbd>
                </Group>
              </UnstyledButton>
            </Tooltip>
            <ShortcutsHelp />
            <ColorSchemeToggle />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" aria-label="Sections">
        {sections.map((section) => (
          <NavLink
            key={section.path}
            label={section.label}
            leftSection={<section.icon size={18} stroke={1.5} />}
            active={location.pathname.startsWith(section.path)}
            onClick={() => navigate(section.path)}
            aria-current={location.pathname.startsWith(section.path) ? 'page' : undefined}
          />
        ))}
      </AppShell.Navbar>

      <AppShell.Main>
        <Routes>
          <Route path="/" element={<Navigate to="/catalog" replace />} />
          <Route path="/settings" element={<SettingsScreen />} />
          <Route path="/connections" element={<ConnectionsScreen />} />
          <Route path="/lineage" element={<LineageScreen />} />
          <Route path="/crawl" element={<CrawlScreen />} />
          <Route path="/automations" element={<AutomationsScreen />} />
          <Route path="/automations/:automationId" element={<AutomationPage />} />
          <Route path="/catalog/*" element={<CatalogScreen />} />
          <Route path="/search" element={<SearchScreen />} />
          <Route path="/snapshots" element={<SnapshotsScreen />} />
          <Route path="/snapshots/diff" element={<DiffScreen />} />
          {sections
            .filter((s) => !['/settings', '/connections', '/crawl', '/automations', '/catalog', '/search', '/lineage'].includes(s.path))
            .map((section) => (
              <Route key={section.path} path={`${section.path}/*`} element={<ComingScreen section={section} />} />
            ))}
          <Route path="*" element={<Navigate to="/catalog" replace />} />
        </Routes>
      </AppShell.Main>

      <CatalogSpotlight navigationActions={actions} />
      <ChangeNotifications />
    </AppShell>
  );
}
