import { Badge, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconPlayerStop, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import type { ConnectionView } from '../../../src-main/api/types/connections';
import { useCall, useCallMutation } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';

/**
 * Proxy sessions of one user on a client-managed connection (QPS session API): who, since when,
 * last active, attributes (groups, roles), and a button to end each. Defaults to the
 * connection's own crawl identity.
 */
export function SessionsPanel({ connection }: { connection: ConnectionView }) {
  const [userDirectory, setUserDirectory] = useState(connection.clientManaged?.userDirectory ?? '');
  const [userId, setUserId] = useState(connection.clientManaged?.userId ?? '');
  const [shown, setShown] = useState({ userDirectory, userId });
  const canList = Boolean(shown.userDirectory.trim() && shown.userId.trim());
  const sessions = useCall('sessions/list', { connectionId: connection.id, ...shown }, { enabled: canList, retry: false });
  const end = useCallMutation('sessions/end', ['sessions/list']);

  // The panel is for identities allowed to manage proxy sessions: a refusal from the proxy
  // service (HTTP 403) hides it rather than leaving an error on every connection card.
  if (sessions.error?.code === 'auth-forbidden') {
    return (
      <Text size="xs" c="dimmed" mt="sm">
        Proxy sessions: this identity may not manage them.
      </Text>
    );
  }

  return (
    <Stack gap="xs" mt="sm" aria-label={`Proxy sessions of ${connection.name}`}>
      <Title order={5}>Proxy sessions</Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setShown({ userDirectory: userDirectory.trim(), userId: userId.trim() });
          void sessions.refetch();
        }}
      >
        <Group align="flex-end" gap="xs">
          <TextInput label="User directory" size="xs" value={userDirectory} onChange={(e) => setUserDirectory(e.currentTarget.value)} />
          <TextInput label="User id" size="xs" value={userId} onChange={(e) => setUserId(e.currentTarget.value)} />
          <Button type="submit" size="xs" variant="light" leftSection={<IconRefresh size={14} />} loading={sessions.isFetching}>
            List sessions
          </Button>
        </Group>
      </form>
      {sessions.error && <ErrorAlert error={sessions.error} />}
      {end.error && <ErrorAlert error={end.error} title="Session not ended" />}
      {sessions.data && sessions.data.length === 0 && (
        <Text size="sm" c="dimmed">
          {shown.userDirectory}\{shown.userId} has no proxy sessions.
        </Text>
      )}
      {sessions.data && sessions.data.length > 0 && (
        <Table striped withTableBorder aria-label="Proxy sessions" fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>User</Table.Th>
              <Table.Th>Session</Table.Th>
              <Table.Th>Started</Table.Th>
              <Table.Th>Last active</Table.Th>
              <Table.Th>Attributes</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sessions.data.map((s) => (
              <Table.Tr key={s.sessionId}>
                <Table.Td>
                  <Text size="sm">{s.userName ?? s.userId}</Text>
                  <Text size="xs" c="dimmed">
                    {s.userDirectory}\{s.userId}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" ff="monospace" title={s.sessionId}>
                    {s.sessionId.slice(0, 8)}…
                  </Text>
                </Table.Td>
                <Table.Td>{s.sessionStart ? new Date(s.sessionStart).toLocaleString() : '—'}</Table.Td>
                <Table.Td>{s.lastActive ? new Date(s.lastActive).toLocaleString() : '—'}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {s.attributes.length === 0 && (
                      <Text size="xs" c="dimmed">
                        none
                      </Text>
                    )}
                    {s.attributes.flatMap((a) =>
                      a.values.map((v, i) => (
                        <Badge key={`${a.name}-${i}`} variant="light" size="sm" tt="none">
                          {a.name}: {v || '(empty)'}
                        </Badge>
                      )),
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    color="red"
                    variant="subtle"
                    leftSection={<IconPlayerStop size={14} />}
                    aria-label={`End session ${s.sessionId.slice(0, 8)}`}
                    loading={end.isPending && end.variables?.sessionId === s.sessionId}
                    onClick={() => end.mutate({ connectionId: connection.id, sessionId: s.sessionId })}
                  >
                    End
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
