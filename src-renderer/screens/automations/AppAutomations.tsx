import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { IconRobot } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../format';
import { catalogPaths } from '../catalog/catalog-paths';
import { useCatalogCall } from '../catalog/use-catalog-call';
import { runStatusColors } from './AutomationsScreen';

/** On an app's page: the automations that reload or act on it, and how their last runs went. */
export function AppAutomations({ appId }: { appId: string }) {
  const automations = useCatalogCall('catalog/app-automations', { appId });
  if (!automations.data || automations.data.length === 0) return null;
  return (
    <Paper withBorder p="sm" aria-label="Automations acting on this app">
      <Group gap={6} mb={6}>
        <IconRobot size={16} aria-hidden />
        <Text size="sm" fw={600}>
          Reloaded by automations
        </Text>
      </Group>
      <Stack gap={6}>
        {automations.data.map((automation) => (
          <Group key={automation.id} gap="xs" wrap="wrap">
            <Anchor component={Link} to={catalogPaths.automation(automation.id)} size="sm">
              {automation.name}
            </Anchor>
            <Text size="xs" c="dimmed">
              {automation.runMode}
              {automation.lastRunAt ? ` · last run ${formatDateTime(automation.lastRunAt)}` : ' · never run'}
            </Text>
            {automation.runs.slice(0, 5).map((run) => (
              <Badge
                key={run.id}
                size="xs"
                variant="light"
                color={runStatusColors[run.status] ?? 'gray'}
                title={run.error ?? formatDateTime(run.startTime)}
              >
                {run.status}
              </Badge>
            ))}
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
