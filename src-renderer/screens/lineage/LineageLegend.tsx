/** Colour and shape per node kind, drawn from the same style table as the graph. */
import { Group, Paper, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { lineageNodeKinds } from '../../../src-main/lineage/graph-model';
import { nodeFill, nodeKindStyles, schemeColors, shapePolygon, type ColorScheme } from '../../../src-main/lineage-view/lineage-style';

function Swatch({ kind, scheme }: { kind: (typeof lineageNodeKinds)[number]; scheme: ColorScheme }) {
  const style = nodeKindStyles[kind];
  const fill = nodeFill(kind, scheme);
  const polygon = shapePolygon(style.shape);
  const paint = { fill, stroke: style.accent, strokeWidth: 1.5, ...(style.isDashed ? { strokeDasharray: '3 2' } : {}) };
  return (
    <svg width={26} height={14} viewBox="-13 -7 26 14" aria-hidden>
      {polygon ? (
        <polygon points={polygon.map(([x, y]) => `${x * 12},${y * 6}`).join(' ')} {...paint} />
      ) : style.shape === 'ellipse' ? (
        <ellipse rx={12} ry={6} {...paint} />
      ) : (
        <rect
          x={-12}
          y={-6}
          width={24}
          height={12}
          rx={style.shape === 'round-rectangle' ? 3 : style.shape === 'barrel' ? 4 : 0}
          {...paint}
        />
      )}
    </svg>
  );
}

export function LineageLegend({ scheme }: { scheme: ColorScheme }) {
  const [isOpen, setOpen] = useState(true);
  const colors = schemeColors[scheme];
  return (
    <Paper withBorder p={6} mt="sm" aria-label="Legend">
      <UnstyledButton onClick={() => setOpen((o) => !o)} aria-expanded={isOpen} aria-label={isOpen ? 'Hide legend' : 'Show legend'}>
        <Text size="xs" fw={600}>
          Legend {isOpen ? '▾' : '▸'}
        </Text>
      </UnstyledButton>
      {isOpen && (
        <Group gap={8} mt={4} style={{ rowGap: 2 }}>
          {lineageNodeKinds.map((kind) => (
            <Group key={kind} gap={4} wrap="nowrap">
              <Swatch kind={kind} scheme={scheme} />
              <Text size="xs">{nodeKindStyles[kind].name}</Text>
            </Group>
          ))}
          <Group gap={4} wrap="nowrap">
            <svg width={26} height={10} aria-hidden>
              <line x1={1} y1={5} x2={25} y2={5} stroke={colors.manualEdge} strokeWidth={2} strokeDasharray="4 3" />
            </svg>
            <Text size="xs">Manual edge</Text>
          </Group>
          <Group gap={4} wrap="nowrap">
            <svg width={26} height={14} aria-hidden>
              <rect x={2} y={2} width={22} height={10} fill="none" stroke={colors.edge} strokeWidth={3} strokeDasharray="1 0" />
            </svg>
            <Text size="xs">Double border: more to expand (double-click)</Text>
          </Group>
        </Group>
      )}
    </Paper>
  );
}
