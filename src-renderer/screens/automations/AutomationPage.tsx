import { Anchor, Badge, Button, Card, Code, Group, List, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { Link, useParams } from 'react-router-dom';
import type { AutomationRow } from '../../../src-main/catalog/catalog-types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LineageLink } from '../../components/LineageLink';
import { formatDateTime, formatDuration } from '../../format';
import { catalogPaths, lineageNodes } from '../catalog/catalog-paths';
import { ScopeGate } from '../catalog/ScopeGate';
import { useCatalogCall } from '../catalog/use-catalog-call';
import { runStatusColors } from './AutomationsScreen';
import { outlineBlocks } from './block-outline';

export function AutomationPage() {
  return (
    <ScopeGate>
      <AutomationDetailView />
    </ScopeGate>
  );
}

/** The definition as a JSON file; secrets were stripped during the crawl and never reach here. */
function downloadDefinition(automation: AutomationRow): void {
  const blob = new Blob([JSON.stringify(automation.definition, null, 2)], { type: 'application/json' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = `${automation.name.replace(/[^\w.-]+/g, '_')}.automation.json`;
  link.click();
  URL.revokeObjectURL(link.href);
}

function AutomationDetailView() {
  const { automationId = '' } = useParams();
  const detail = useCatalogCall('catalog/automation', { automationId });
  if (detail.error) return <ErrorAlert error={detail.error} />;
  if (!detail.data) return null;
  const { automation, apps, triggers, triggeredBy } = detail.data;
  const blocks = outlineBlocks(automation.definition);

  return (
    <Stack maw={1100}>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Anchor component={Link} to={catalogPaths.automations()} size="sm">
            ← Automations
          </Anchor>
          <Title order={2}>{automation.name}</Title>
          <Group gap="xs">
            <Badge variant="light">{automation.runMode}</Badge>
            <Badge variant="outline">{automation.state}</Badge>
            {automation.lastRunStatus && (
              <Badge color={runStatusColors[automation.lastRunStatus] ?? 'gray'}>last run {automation.lastRunStatus}</Badge>
            )}
          </Group>
          {automation.description && <Text>{automation.description}</Text>}
          {automation.schedule && (
            <Text size="sm">
              Schedule: <Code>{automation.schedule}</Code>
            </Text>
          )}
        </Stack>
        <Group>
          <LineageLink node={lineageNodes.automation(automation.id)} />
          <Button variant="default" leftSection={<IconDownload size={16} />} onClick={() => downloadDefinition(automation)}>
            Definition (JSON)
          </Button>
        </Group>
      </Group>

      <Card withBorder>
        <Title order={4} mb="xs">
          Acts on
        </Title>
        {apps.length === 0 && triggers.length === 0 && <Text c="dimmed">No app or automation is referenced by its blocks.</Text>}
        <List>
          {apps.map((app) => (
            <List.Item key={app.id}>
              Reloads app{' '}
              <Anchor component={Link} to={catalogPaths.app(app.id)}>
                {app.name}
              </Anchor>
            </List.Item>
          ))}
          {triggers.map((other) => (
            <List.Item key={other.id}>
              Starts automation{' '}
              <Anchor component={Link} to={catalogPaths.automation(other.id)}>
                {other.name}
              </Anchor>
            </List.Item>
          ))}
          {triggeredBy.map((other) => (
            <List.Item key={other.id}>
              Started by automation{' '}
              <Anchor component={Link} to={catalogPaths.automation(other.id)}>
                {other.name}
              </Anchor>
            </List.Item>
          ))}
        </List>
      </Card>

      <Card withBorder>
        <Title order={4} mb="xs">
          Runs
        </Title>
        <Table aria-label="Runs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Started</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Duration</Table.Th>
              <Table.Th>Trigger</Table.Th>
              <Table.Th>Error</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {automation.runs.map((run) => (
              <Table.Tr key={run.id}>
                <Table.Td>{formatDateTime(run.startTime)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={runStatusColors[run.status] ?? 'gray'}>
                    {run.status}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {run.startTime && run.stopTime
                    ? formatDuration(new Date(run.stopTime).getTime() - new Date(run.startTime).getTime())
                    : '—'}
                </Table.Td>
                <Table.Td>{run.trigger ?? '—'}</Table.Td>
                <Table.Td>
                  <Text size="sm" c={run.error ? 'red' : 'dimmed'}>
                    {run.error ?? '—'}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {automation.runs.length === 0 && <Text c="dimmed">No runs recorded.</Text>}
      </Card>

      <Card withBorder>
        <Title order={4} mb="xs">
          Blocks
        </Title>
        {automation.strippedSecrets.length > 0 && (
          <Text size="sm" c="orange" mb="xs">
            {automation.strippedSecrets.length} secret value{automation.strippedSecrets.length === 1 ? ' was' : 's were'} removed from the
            definition during the crawl and are not stored: {automation.strippedSecrets.join(', ')}
          </Text>
        )}
        {blocks.length === 0 ? (
          <Text c="dimmed">The definition was not readable with this key.</Text>
        ) : (
          <Timeline bulletSize={18} lineWidth={2} aria-label="Block outline">
            {blocks.map((block) => (
              <Timeline.Item
                key={block.id}
                title={`${block.title}${block.disabled ? ' (disabled)' : ''}${block.detached ? ' (not connected)' : ''}`}
              >
                <Text size="xs" c="dimmed">
                  {block.type}
                </Text>
                {block.inputs.map((input) => (
                  <Text size="sm" key={input.id}>
                    {input.id}: <Code>{input.value}</Code>
                  </Text>
                ))}
              </Timeline.Item>
            ))}
          </Timeline>
        )}
      </Card>
    </Stack>
  );
}
