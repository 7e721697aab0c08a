import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Menu,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconDots, IconKey, IconPencil, IconPlugConnected, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { ConnectionView } from '../../../src-main/api/types/connections';
import { useCall, useCallMutation } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { HealthDot } from '../../components/HealthDot';
import { SessionsPanel } from '../sessions/SessionsPanel';
import { ConnectionForm } from './ConnectionForm';

export function ConnectionsScreen() {
  const connections = useCall('connections/list', {});
  const keychain = useCall('keychain/status', {});
  const [editing, setEditing] = useState<ConnectionView | 'new' | null>(null);
  const keychainAvailable = keychain.data?.available ?? true;

  return (
    <Stack maw={1100}>
      <Group justify="space-between">
        <Title order={2}>Connections</Title>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
          Add connection
        </Button>
      </Group>

      {keychain.data && !keychain.data.available && (
        <Alert color={keychain.data.envKeyInUse ? 'blue' : 'yellow'} title="The OS keychain is not available" icon={<IconKey size={18} />}>
          <Text size="sm">
            {keychain.data.envKeyInUse
              ? 'QME_API_KEY is set for this run and will be used for crawls. Keys cannot be saved until a keychain is available.'
              : keychain.data.remedy}
          </Text>
          <Text size="xs" c="dimmed" mt={4}>
            {keychain.data.reason}
          </Text>
        </Alert>
      )}

      {connections.isPending && <Skeleton h={120} />}
      {connections.error && <ErrorAlert error={connections.error} />}
      {connections.data?.map((connection) => (
        <ConnectionCard key={connection.id} connection={connection} onEdit={() => setEditing(connection)} />
      ))}

      {editing && (
        <ConnectionForm
          opened
          onClose={() => setEditing(null)}
          keychainAvailable={keychainAvailable}
          {...(editing === 'new' ? {} : { connection: editing })}
        />
      )}
    </Stack>
  );
}

function ConnectionCard({ connection, onEdit }: { connection: ConnectionView; onEdit: () => void }) {
  const validate = useCallMutation('connections/validate', ['connections/list']);
  const remove = useCallMutation('connections/delete', ['connections/list']);
  const shown = validate.data ?? connection;

  return (
    <Card withBorder padding="md" aria-label={`Connection ${connection.name}`}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Group gap="xs" wrap="nowrap">
            <HealthDot health={shown.health} />
            <Text fw={600}>{connection.name}</Text>
            {connection.environment && (
              <Badge variant="light" color={connection.environment === 'PROD' ? 'red' : 'gray'} size="sm">
                {connection.environment}
              </Badge>
            )}
            {connection.isBuiltIn && (
              <Badge variant="outline" size="sm">
                built in
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed" style={{ wordBreak: 'break-all' }}>
            {connection.isBuiltIn
              ? 'A simulated Qlik Cloud tenant that runs inside the app: try everything without a real key.'
              : connection.url}
          </Text>
          {connection.isBuiltIn && <DemoRevisionPicker revision={connection.demoRevision ?? 1} />}
          <Group gap="md">
            {connection.clientManaged && (
              <Badge variant="outline" color="grape" size="sm">
                client-managed · {connection.clientManaged.auth === 'proxy-session' ? 'proxy session' : 'certificates'}
              </Badge>
            )}
            {!connection.isBuiltIn && !connection.clientManaged && (
              <Text size="xs" c={connection.hasKey ? 'dimmed' : 'orange'}>
                {connection.hasKey ? 'Key in OS keychain' : 'No key stored'}
              </Text>
            )}
            {shown.identity && <Text size="xs">Signed in as {shown.identity}</Text>}
            {shown.checkedAt && (
              <Text size="xs" c="dimmed">
                Checked {new Date(shown.checkedAt).toLocaleString()}
              </Text>
            )}
          </Group>
        </Stack>
        <Group gap="xs" wrap="nowrap">
          <Button
            variant="light"
            leftSection={<IconPlugConnected size={16} />}
            loading={validate.isPending}
            onClick={() => validate.mutate({ id: connection.id })}
          >
            Validate
          </Button>
          {!connection.isBuiltIn && (
            <Menu position="bottom-end">
              <Menu.Target>
                <Tooltip label="More">
                  <ActionIcon variant="default" size="lg" aria-label={`More actions for ${connection.name}`}>
                    <IconDots size={16} />
                  </ActionIcon>
                </Tooltip>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item leftSection={<IconPencil size={14} />} onClick={onEdit}>
                  Edit
                </Menu.Item>
                <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => remove.mutate({ id: connection.id })}>
                  Delete
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
      </Group>
      {shown.error && shown.health === 'failed' && (
        <Stack mt="sm">
          <ErrorAlert error={shown.error} />
        </Stack>
      )}
      {validate.error && <ErrorAlert error={validate.error} />}
      {connection.clientManaged && <SessionsPanel connection={connection} />}
      {remove.error && <ErrorAlert error={remove.error} title="Not deleted" />}
    </Card>
  );
}

/** The demo tenant can present a later state of itself, so a second crawl has changes to compare. */
function DemoRevisionPicker({ revision }: { revision: 1 | 2 }) {
  const choose = useCallMutation('connections/demo-revision', ['connections/list']);
  return (
    <Group gap="xs">
      <Text size="xs" id="demo-revision-label">
        Tenant state
      </Text>
      <SegmentedControl
        size="xs"
        aria-labelledby="demo-revision-label"
        value={String(choose.variables?.revision ?? revision)}
        onChange={(value) => choose.mutate({ revision: value === '2' ? 2 : 1 })}
        data={[
          { value: '1', label: 'Revision 1' },
          { value: '2', label: 'Revision 2 (a week later: renamed sheet, changed measure, dropped table, app deleted and added)' },
        ]}
      />
    </Group>
  );
}
