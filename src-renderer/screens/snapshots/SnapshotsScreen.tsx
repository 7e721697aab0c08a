import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  FileButton,
  Group,
  Menu,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowsDiff, IconCamera, IconDots, IconDownload, IconEye, IconFileImport, IconX } from '@tabler/icons-react';
import { useState, type DragEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import type { CrawlHistoryEntry } from '../../../src-main/catalog/catalog-types';
import { call, type CallError } from '../../api/client';
import { useCall, useCallMutation } from '../../api/hooks';
import { useCatalogScope } from '../../catalog-scope';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueryView } from '../../components/QueryView';
import { formatBytes, formatCount, formatDateTime } from '../catalog/format';
import { downloadSnapshot, fileForUpload } from './file-transfer';
import { RetentionPanel } from './RetentionPanel';
import { SchedulesPanel } from './SchedulesPanel';

interface Picked {
  readonly connectionId: string;
  readonly snapshotId: number;
  readonly startedAt: string;
}

/** The diff page's address for two picked snapshots, older first. */
export function diffPath(a: Picked, b: Picked): string {
  const [from, to] = a.startedAt <= b.startedAt ? [a, b] : [b, a];
  const params = new URLSearchParams({
    fromConnection: from.connectionId,
    from: String(from.snapshotId),
    toConnection: to.connectionId,
    to: String(to.snapshotId),
  });
  return `/snapshots/diff?${params.toString()}`;
}

function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${ms} ms`;
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

const statusColor: Record<string, string> = { complete: 'green', running: 'blue', failed: 'red', cancelled: 'gray', interrupted: 'orange' };

export function SnapshotsScreen() {
  const connections = useCall('catalog/connections', {});
  const opened = useCall('snapshots/opened-files', {});
  const [chosen, setChosen] = useState<string | null>(null);
  const [picked, setPicked] = useState<Picked[]>([]);
  const [openError, setOpenError] = useState<CallError | null>(null);
  const [isDragging, setIsDragging] = useState(false);
  const navigate = useNavigate();
  const openFile = useCallMutation('snapshots/open-file', ['snapshots/opened-files', 'catalog/connections']);

  const list = connections.data ?? [];
  const connectionId = chosen ?? list.find((c) => c.id === 'demo')?.id ?? list[0]?.id ?? null;

  const open = async (file: File | null) => {
    if (!file) return;
    setOpenError(null);
    try {
      const view = await openFile.mutateAsync(await fileForUpload(file));
      setChosen(view.connectionId);
      notifications.show({
        color: 'green',
        title: `Opened ${view.fileName}`,
        message: `Snapshot ${view.snapshotId} of ${view.connectionName}, read-only.`,
      });
    } catch (error) {
      setOpenError(error as CallError);
    }
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setIsDragging(false);
    void open(event.dataTransfer.files[0] ?? null);
  };
  const toggle = (p: Picked) =>
    setPicked((current) =>
      current.some((x) => x.connectionId === p.connectionId && x.snapshotId === p.snapshotId)
        ? current.filter((x) => !(x.connectionId === p.connectionId && x.snapshotId === p.snapshotId))
        : [...current.slice(-1), p],
    );

  return (
    <Stack
      maw={1200}
      onDragOver={(e) => {
        e.preventDefault();
        setIsDragging(true);
      }}
      onDragLeave={() => setIsDragging(false)}
      onDrop={onDrop}
    >
      <Group justify="space-between">
        <Title order={2}>Snapshots</Title>
        <Group>
          <Button
            leftSection={<IconArrowsDiff size={16} />}
            disabled={picked.length !== 2}
            onClick={() => picked[0] && picked[1] && navigate(diffPath(picked[0], picked[1]))}
          >
            Compare {picked.length === 2 ? 'selected' : `(${picked.length}/2)`}
          </Button>
          <FileButton onChange={(file) => void open(file)} accept=".qmesnap,.sqlite,application/vnd.sqlite3,application/octet-stream">
            {(props) => (
              <Button {...props} variant="default" leftSection={<IconFileImport size={16} />} loading={openFile.isPending}>
                Open snapshot file
              </Button>
            )}
          </FileButton>
        </Group>
      </Group>
      <Paper
        withBorder
        p="xs"
        style={{ borderStyle: 'dashed', background: isDragging ? 'var(--mantine-color-blue-light)' : undefined }}
        aria-label="Drop a snapshot file here"
      >
        <Text size="sm" c="dimmed" ta="center">
          Drop a .qmesnap file here to review it offline. Opened files are read-only and never changed.
        </Text>
      </Paper>
      {openError && <ErrorAlert error={openError} title="The file was not opened" />}

      {opened.data && opened.data.length > 0 && (
        <Stack gap={6}>
          <Title order={3}>Opened files</Title>
          {opened.data.map((file) => (
            <OpenedFileRow key={file.connectionId} file={file} onBrowse={() => setChosen(file.connectionId)} />
          ))}
        </Stack>
      )}

      <Group align="end">
        <Select
          label="Connection"
          data={list.map((c) => ({ value: c.id, label: c.name }))}
          value={connectionId}
          onChange={(value) => setChosen(value)}
          w={380}
          allowDeselect={false}
        />
      </Group>
      <QueryView query={connections}>
        {() =>
          connectionId ? (
            <SnapshotTable connectionId={connectionId} picked={picked} onToggle={toggle} />
          ) : (
            <EmptyState icon={IconCamera} title="No snapshots yet">
              Every crawl is a snapshot. Crawl a connection, or open a snapshot file someone shared with you.
            </EmptyState>
          )
        }
      </QueryView>

      <SchedulesPanel />
      <RetentionPanel />
    </Stack>
  );
}

function OpenedFileRow({
  file,
  onBrowse,
}: {
  file: {
    connectionId: string;
    fileName: string;
    connectionName: string;
    snapshotId: number;
    startedAt: string;
    exportedAt: string;
    appCount: number;
  };
  onBrowse: () => void;
}) {
  const close = useCallMutation('snapshots/close-file', ['snapshots/opened-files', 'catalog/connections']);
  return (
    <Paper withBorder p="xs">
      <Group justify="space-between">
        <Stack gap={0}>
          <Text fw={600}>{file.fileName}</Text>
          <Text size="sm" c="dimmed">
            {file.connectionName}, snapshot {file.snapshotId} of {formatDateTime(file.startedAt)}, {formatCount(file.appCount)} apps ·
            exported {formatDateTime(file.exportedAt)}
          </Text>
        </Stack>
        <Group gap="xs">
          <Badge variant="light">read-only</Badge>
          <Button size="xs" variant="light" onClick={onBrowse}>
            Show snapshot
          </Button>
          <Tooltip label="Close the file (it stays where it is)">
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={`Close ${file.fileName}`}
              onClick={() => close.mutate({ connectionId: file.connectionId })}
            >
              <IconX size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
    </Paper>
  );
}

function SnapshotTable({
  connectionId,
  picked,
  onToggle,
}: {
  connectionId: string;
  picked: readonly Picked[];
  onToggle: (p: Picked) => void;
}) {
  const history = useCall('catalog/crawl-history', { connectionId });
  return (
    <QueryView query={history}>
      {(rows) =>
        rows.length === 0 ? (
          <EmptyState icon={IconCamera} title="No snapshots of this connection">
            Crawl it from the Crawl page, or schedule crawls below.
          </EmptyState>
        ) : (
          <Table striped highlightOnHover aria-label="Snapshots">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40} />
                <Table.Th>Snapshot</Table.Th>
                <Table.Th>Started</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th ta="right">Apps</Table.Th>
                <Table.Th ta="right">Crawled</Table.Th>
                <Table.Th ta="right">Errors</Table.Th>
                <Table.Th ta="right">Duration</Table.Th>
                <Table.Th w={40} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <SnapshotRowView
                  key={row.id}
                  row={row}
                  connectionId={connectionId}
                  isPicked={picked.some((p) => p.connectionId === connectionId && p.snapshotId === row.id)}
                  onToggle={onToggle}
                />
              ))}
            </Table.Tbody>
          </Table>
        )
      }
    </QueryView>
  );
}

function SnapshotRowView({
  row,
  connectionId,
  isPicked,
  onToggle,
}: {
  row: CrawlHistoryEntry;
  connectionId: string;
  isPicked: boolean;
  onToggle: (p: Picked) => void;
}) {
  const navigate = useNavigate();
  const { chooseConnection, chooseSnapshot } = useCatalogScope();
  const isComplete = row.status === 'complete';
  const isFile = connectionId.startsWith('file:');
  const view = () => {
    chooseConnection(connectionId);
    chooseSnapshot(row.id);
    navigate(`/catalog?connection=${encodeURIComponent(connectionId)}&snapshot=${row.id}`);
  };
  const exportFile = async () => {
    try {
      const file = await call('snapshots/export-file', { snapshotId: row.id, connectionId });
      if (file.gzipBase64) await downloadSnapshot(file.fileName, file.gzipBase64);
      notifications.show({ color: 'green', title: 'Snapshot exported', message: `${file.fileName} (${formatBytes(file.sizeBytes)})` });
    } catch (error) {
      const e = error as CallError;
      notifications.show({ color: 'red', title: e.message, message: e.remedy });
    }
  };
  return (
    <Table.Tr>
      <Table.Td>
        <Checkbox
          aria-label={`Select snapshot ${row.id}`}
          checked={isPicked}
          disabled={!isComplete}
          onChange={() => onToggle({ connectionId, snapshotId: row.id, startedAt: row.startedAt })}
        />
      </Table.Td>
      <Table.Td>{row.id}</Table.Td>
      <Table.Td>{formatDateTime(row.startedAt)}</Table.Td>
      <Table.Td>
        <Badge variant="outline" color={row.kind === 'full' ? 'blue' : 'grape'}>
          {row.kind}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Tooltip label={row.error ?? row.status} disabled={!row.error}>
          <Badge variant="light" color={statusColor[row.status] ?? 'gray'}>
            {row.status}
          </Badge>
        </Tooltip>
      </Table.Td>
      <Table.Td ta="right">{formatCount(row.counts.apps)}</Table.Td>
      <Table.Td ta="right">{formatCount(row.counts.crawledApps)}</Table.Td>
      <Table.Td ta="right" c={row.errorCount ? 'red' : undefined}>
        {formatCount(row.errorCount)}
      </Table.Td>
      <Table.Td ta="right">{formatDuration(row.durationMs)}</Table.Td>
      <Table.Td>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" aria-label={`Actions for snapshot ${row.id}`}>
              <IconDots size={16} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item leftSection={<IconEye size={14} />} disabled={!isComplete} onClick={view}>
              View this snapshot
            </Menu.Item>
            <Menu.Item leftSection={<IconDownload size={14} />} disabled={!isComplete || isFile} onClick={() => void exportFile()}>
              Export snapshot file
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Table.Td>
    </Table.Tr>
  );
}
