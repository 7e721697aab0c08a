import { Box, Group, Table, Text } from '@mantine/core';
import type { ScriptDiff } from '../../src-main/snapshots/line-diff';

const tint = {
  same: undefined,
  changed: 'var(--mantine-color-yellow-light)',
  removed: 'var(--mantine-color-red-light)',
  added: 'var(--mantine-color-green-light)',
} as const;

/** A load script diff in two columns, before on the left, after on the right. */
export function ScriptDiffView({ diff, beforeLabel, afterLabel }: { diff: ScriptDiff; beforeLabel: string; afterLabel: string }) {
  return (
    <Box style={{ overflowX: 'auto' }}>
      <Group gap="md" mb={4}>
        <Text size="xs" c="dimmed">
          {diff.removedLines} lines removed, {diff.addedLines} added
        </Text>
      </Group>
      <Table withColumnBorders fz="xs" ff="monospace" verticalSpacing={1} horizontalSpacing={6} aria-label="Script diff">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={44} />
            <Table.Th>{beforeLabel}</Table.Th>
            <Table.Th w={44} />
            <Table.Th>{afterLabel}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {diff.rows.map((row, index) =>
            row.kind === 'skipped' ? (
              <Table.Tr key={index}>
                <Table.Td colSpan={4} c="dimmed" ta="center">
                  … {row.count} unchanged {row.count === 1 ? 'line' : 'lines'} …
                </Table.Td>
              </Table.Tr>
            ) : (
              <Table.Tr key={index} data-change={row.kind}>
                <Table.Td c="dimmed" ta="right">
                  {row.leftLine ?? ''}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'pre', background: row.kind === 'added' ? undefined : tint[row.kind] }}>
                  {row.left ?? ''}
                </Table.Td>
                <Table.Td c="dimmed" ta="right">
                  {row.rightLine ?? ''}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'pre', background: row.kind === 'removed' ? undefined : tint[row.kind] }}>
                  {row.right ?? ''}
                </Table.Td>
              </Table.Tr>
            ),
          )}
        </Table.Tbody>
      </Table>
    </Box>
  );
}
