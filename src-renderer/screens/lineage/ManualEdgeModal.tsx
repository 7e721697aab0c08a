/** Draws a lineage edge by hand: from the selected node to another node or to a new external one. */
import { Button, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { ManualEdgeResult, ViewNode } from '../../../src-main/lineage-view/view-model';
import { useCallMutation } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { SnapshotArgs } from './lineage-params';

interface Props {
  readonly opened: boolean;
  readonly onClose: () => void;
  readonly selected: ViewNode;
  readonly candidates: readonly ViewNode[];
  readonly snapshot: SnapshotArgs;
  readonly onAdded: (result: ManualEdgeResult) => void;
}

export function ManualEdgeModal({ opened, onClose, selected, candidates, snapshot, onAdded }: Props) {
  const [target, setTarget] = useState<'node' | 'external'>('node');
  const [direction, setDirection] = useState<'feeds' | 'fed-by'>('fed-by');
  const [otherId, setOtherId] = useState<string | null>(null);
  const [externalLabel, setExternalLabel] = useState('');
  const [externalKind, setExternalKind] = useState<string | null>('database');
  const [note, setNote] = useState('');
  const add = useCallMutation('lineage/manual-edge-add', ['lineage/neighbourhood', 'lineage/node', 'lineage/impact', 'lineage/search']);

  function submit(event: FormEvent): void {
    event.preventDefault();
    const other =
      target === 'node'
        ? { type: 'node' as const, id: otherId ?? '' }
        : { type: 'external' as const, label: externalLabel, kind: externalKind ?? 'system' };
    const self = { type: 'node' as const, id: selected.id };
    add.mutate(
      { ...snapshot, from: direction === 'feeds' ? self : other, to: direction === 'feeds' ? other : self, note },
      {
        onSuccess: (result) => {
          onAdded(result);
          onClose();
        },
      },
    );
  }

  const options = candidates.filter((n) => n.id !== selected.id).map((n) => ({ value: n.id, label: `${n.label} (${n.kind})` }));
  return (
    <Modal opened={opened} onClose={onClose} title="Draw a lineage edge" size="lg">
      <form onSubmit={submit}>
        <Stack>
          <Text size="sm">
            Selected node: <b>{selected.label}</b>
          </Text>
          <SegmentedControl
            aria-label="Edge direction"
            value={direction}
            onChange={(v) => setDirection(v === 'feeds' ? 'feeds' : 'fed-by')}
            data={[
              { value: 'fed-by', label: 'Is fed by…' },
              { value: 'feeds', label: 'Feeds…' },
            ]}
          />
          <SegmentedControl
            aria-label="Other end"
            value={target}
            onChange={(v) => setTarget(v === 'external' ? 'external' : 'node')}
            data={[
              { value: 'node', label: 'A node in the graph' },
              { value: 'external', label: 'A new external node' },
            ]}
          />
          {target === 'node' ? (
            <Select label="Other node" searchable data={options} value={otherId} onChange={setOtherId} required />
          ) : (
            <Group grow align="flex-start">
              <TextInput
                label="External node name"
                value={externalLabel}
                onChange={(e) => setExternalLabel(e.currentTarget.value)}
                required
              />
              <Select
                label="External node kind"
                data={['database', 'file share', 'API', 'spreadsheet', 'report', 'system']}
                value={externalKind}
                onChange={setExternalKind}
                allowDeselect={false}
              />
            </Group>
          )}
          <Textarea
            label="Note"
            placeholder="Why this edge exists (shown in the details)"
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          {add.error && <ErrorAlert error={add.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={add.isPending}>
              Add edge
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
