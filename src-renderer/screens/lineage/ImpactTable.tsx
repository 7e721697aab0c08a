/** Impact analysis rows: every app, sheet, chart and master item downstream of the source. */
import { Anchor, Button, Group, ScrollArea, Table, Text } from '@mantine/core';
import { IconTableExport } from '@tabler/icons-react';
import { nodeKindStyles } from '../../../src-main/lineage-view/lineage-style';
import type { ImpactResult } from '../../../src-main/lineage-view/view-model';
import { downloadBlob, fileStem, toCsv } from './download';

export function ImpactTable({ impact, onShow }: { impact: ImpactResult; onShow: (id: string) => void }) {
  const counts = ['app', 'sheet', 'chart'].map((kind) => `${impact.rows.filter((r) => r.kind === kind).length} ${kind}s`).join(', ');
  const exportCsv = () => {
    const csv = toCsv(
      ['kind', 'name', 'app', 'steps', 'node id'],
      impact.rows.map((r) => [nodeKindStyles[r.kind].name, r.label, r.appLabel, r.distance, r.id]),
    );
    downloadBlob(new Blob([csv], { type: 'text/csv' }), `impact-${fileStem(impact.source.label)}.csv`);
  };
  return (
    <>
      <Group justify="space-between" mb={4}>
        <Text size="sm">
          Downstream of <b>{impact.source.label}</b>: {counts}
        </Text>
        <Button size="compact-xs" variant="default" leftSection={<IconTableExport size={14} aria-hidden />} onClick={exportCsv}>
          Export CSV
        </Button>
      </Group>
      <ScrollArea h={220}>
        <Table striped highlightOnHover stickyHeader aria-label="Impacted apps, sheets and charts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Name</Table.Th>
              <Table.Th>App</Table.Th>
              <Table.Th>Steps</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {impact.rows.map((row) => (
              <Table.Tr key={row.id}>
                <Table.Td>{nodeKindStyles[row.kind].name}</Table.Td>
                <Table.Td>
                  <Anchor component="button" type="button" size="sm" onClick={() => onShow(row.id)}>
                    {row.label}
                  </Anchor>
                </Table.Td>
                <Table.Td>{row.appLabel}</Table.Td>
                <Table.Td>{row.distance}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    </>
  );
}
