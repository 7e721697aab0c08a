import { Button, Group, NumberInput, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { RetentionSettings } from '../../../src-main/snapshots/snapshot-views';
import { useCall, useCallMutation } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueryView } from '../../components/QueryView';

/** Keep the last N snapshots and/or D days; empty means no limit. The latest complete snapshot always stays. */
export function RetentionPanel() {
  const retention = useCall('snapshots/retention-get', {});
  return (
    <Stack gap="xs">
      <Title order={3}>Retention</Title>
      <Text size="sm" c="dimmed">
        Applied after every crawl. The latest complete snapshot of each connection is never deleted. Leave a box empty for no limit.
      </Text>
      <QueryView query={retention} skeletonRows={1}>
        {(settings) => <RetentionForm key={JSON.stringify(settings)} settings={settings} />}
      </QueryView>
    </Stack>
  );
}

function RetentionForm({ settings }: { settings: RetentionSettings }) {
  const save = useCallMutation('snapshots/retention-set', ['snapshots/retention-get']);
  const prune = useCallMutation('snapshots/prune', ['catalog/crawl-history', 'catalog/snapshots']);
  const [keepLast, setKeepLast] = useState<number | ''>(settings.keepLast ?? '');
  const [keepDays, setKeepDays] = useState<number | ''>(settings.keepDays ?? '');
  const apply = async () => {
    await save.mutateAsync({ keepLast: keepLast === '' ? null : keepLast, keepDays: keepDays === '' ? null : keepDays });
    const result = await prune.mutateAsync({});
    notifications.show({ title: 'Retention applied', message: `${result.deletedSnapshotIds.length} snapshots deleted.` });
  };
  const error = save.error ?? prune.error;
  return (
    <>
      <Group align="end">
        <NumberInput
          label="Keep the last N snapshots"
          min={1}
          w={220}
          value={keepLast}
          onChange={(v) => setKeepLast(v === '' ? '' : Number(v))}
        />
        <NumberInput label="Keep D days" min={1} w={160} value={keepDays} onChange={(v) => setKeepDays(v === '' ? '' : Number(v))} />
        <Button variant="light" onClick={() => void apply().catch(() => undefined)} loading={save.isPending || prune.isPending}>
          Save and prune now
        </Button>
      </Group>
      {error && <ErrorAlert error={error} />}
    </>
  );
}
