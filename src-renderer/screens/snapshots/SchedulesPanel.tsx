import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconClockPlay, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { IntervalUnit, Recurrence } from '../../../src-main/snapshots/schedule-plan';
import type { ScheduleView } from '../../../src-main/snapshots/snapshot-views';
import { useCall, useCallMutation } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueryView } from '../../components/QueryView';
import { formatDateTime } from '../catalog/format';

export function describeRecurrence(recurrence: Recurrence): string {
  if (recurrence.type === 'cron') return `cron ${recurrence.expression}`;
  const unit = recurrence.every === 1 ? recurrence.unit.replace(/s$/, '') : recurrence.unit;
  return recurrence.every === 1 ? `every ${unit}` : `every ${recurrence.every} ${unit}`;
}

export function SchedulesPanel() {
  const schedules = useCall('snapshots/schedules', {}, { refetchInterval: 30_000 });
  const [editing, setEditing] = useState<ScheduleView | 'new' | null>(null);
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={3}>Scheduled crawls</Title>
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setEditing('new')}>
          Add schedule
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        Schedules run while the app is open. For crawls while it is closed, use `qme crawl` from cron, Task Scheduler or launchd
        (docs/snapshots.md).
      </Text>
      <QueryView query={schedules}>
        {(data) => (
          <>
            {data.notices.map((notice) => (
              <Alert key={notice} color="yellow" variant="light" icon={<IconClockPlay size={18} />}>
                {notice}
              </Alert>
            ))}
            {data.schedules.length > 0 && (
              <Table aria-label="Scheduled crawls">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Connection</Table.Th>
                    <Table.Th>When</Table.Th>
                    <Table.Th>Kind</Table.Th>
                    <Table.Th>Next run</Table.Th>
                    <Table.Th>Last run</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.schedules.map((s) => (
                    <ScheduleRow key={s.id} schedule={s} onEdit={() => setEditing(s)} />
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </>
        )}
      </QueryView>
      {editing && <ScheduleForm schedule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function ScheduleRow({ schedule, onEdit }: { schedule: ScheduleView; onEdit: () => void }) {
  const save = useCallMutation('snapshots/schedule-save', ['snapshots/schedules']);
  const remove = useCallMutation('snapshots/schedule-delete', ['snapshots/schedules']);
  const toggle = (isEnabled: boolean) =>
    save.mutate({
      id: schedule.id,
      connectionId: schedule.connectionId,
      recurrence: schedule.recurrence,
      mode: schedule.mode,
      isEnabled,
      diffFolder: schedule.diffFolder,
    });
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={500} style={{ cursor: 'pointer' }} onClick={onEdit}>
          {schedule.connectionName}
        </Text>
      </Table.Td>
      <Table.Td>{describeRecurrence(schedule.recurrence)}</Table.Td>
      <Table.Td>
        <Badge variant="outline">{schedule.mode}</Badge>
      </Table.Td>
      <Table.Td>{schedule.isEnabled ? formatDateTime(schedule.nextRunAt) : 'disabled'}</Table.Td>
      <Table.Td>
        <Text size="xs">{schedule.lastResult ? `${formatDateTime(schedule.lastResult.at)}: ${schedule.lastResult.summary}` : '—'}</Text>
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Switch aria-label="Enabled" checked={schedule.isEnabled} onChange={(e) => toggle(e.currentTarget.checked)} />
          <ActionIcon variant="subtle" color="red" aria-label="Delete schedule" onClick={() => remove.mutate({ id: schedule.id })}>
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

const units: IntervalUnit[] = ['minutes', 'hours', 'days', 'weeks', 'months'];

function ScheduleForm({ schedule, onClose }: { schedule: ScheduleView | null; onClose: () => void }) {
  const connections = useCall('connections/list', {});
  const save = useCallMutation('snapshots/schedule-save', ['snapshots/schedules']);
  const initial = schedule?.recurrence ?? { type: 'interval', every: 1, unit: 'days' };
  const [connectionId, setConnectionId] = useState<string | null>(schedule?.connectionId ?? 'demo');
  const [type, setType] = useState<Recurrence['type']>(initial.type);
  const [every, setEvery] = useState<number>(initial.type === 'interval' ? initial.every : 1);
  const [unit, setUnit] = useState<IntervalUnit>(initial.type === 'interval' ? initial.unit : 'days');
  const [expression, setExpression] = useState(initial.type === 'cron' ? initial.expression : '0 6 * * 1-5');
  const [mode, setMode] = useState<'full' | 'delta'>(schedule?.mode ?? 'delta');
  const [diffFolder, setDiffFolder] = useState(schedule?.diffFolder ?? '');
  const submit = async () => {
    if (!connectionId) return;
    await save.mutateAsync({
      ...(schedule ? { id: schedule.id } : {}),
      connectionId,
      recurrence: type === 'cron' ? { type, expression } : { type, every, unit },
      mode,
      isEnabled: schedule?.isEnabled ?? true,
      diffFolder: diffFolder.trim() || null,
    });
    onClose();
  };
  return (
    <Modal opened onClose={onClose} title={schedule ? 'Edit schedule' : 'Add schedule'}>
      <Stack>
        <Select
          label="Connection"
          data={(connections.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={connectionId}
          onChange={setConnectionId}
          allowDeselect={false}
        />
        <SegmentedControl
          value={type}
          onChange={(v) => setType(v as Recurrence['type'])}
          data={[
            { value: 'interval', label: 'Every…' },
            { value: 'cron', label: 'Cron expression' },
          ]}
        />
        {type === 'interval' ? (
          <Group grow>
            <NumberInput label="Every" min={1} value={every} onChange={(v) => setEvery(Number(v) || 1)} />
            <Select label="Unit" data={units} value={unit} onChange={(v) => setUnit((v as IntervalUnit) ?? 'days')} allowDeselect={false} />
          </Group>
        ) : (
          <TextInput
            label="Cron expression"
            description="minute hour day-of-month month day-of-week, local time"
            value={expression}
            onChange={(e) => setExpression(e.currentTarget.value)}
          />
        )}
        <SegmentedControl
          value={mode}
          onChange={(v) => setMode(v as 'full' | 'delta')}
          data={[
            { value: 'delta', label: 'Delta crawl' },
            { value: 'full', label: 'Full crawl' },
          ]}
        />
        <TextInput
          label="Write each diff as JSON to (optional)"
          placeholder="/path/to/folder"
          value={diffFolder}
          onChange={(e) => setDiffFolder(e.currentTarget.value)}
        />
        {save.error && <ErrorAlert error={save.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void submit().catch(() => undefined)} loading={save.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
