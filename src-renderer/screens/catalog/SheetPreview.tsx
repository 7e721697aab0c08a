/**
 * A sheet drawn from the catalog alone: each object at its grid cell (or free bounds) with its
 * chart type icon and title, each a link to the object's page. No tenant needed.
 */
import { Box, Group, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { ObjectRow } from '../../../src-main/catalog/catalog-types';
import type { SheetGrid } from './sheet-layout';
import { placeCell, sheetHeightPercent } from './sheet-layout';
import { ChartTypeIcon } from '../../components/ChartTypeIcon';
import { catalogPaths } from './catalog-paths';

/** Qlik Sense lays sheets out for a 16:9 screen. */
const sheetAspect = 16 / 9;

export function SheetPreview({
  appId,
  grid,
  objects,
  compact = false,
  label,
}: {
  appId: string;
  grid: SheetGrid;
  objects: readonly ObjectRow[];
  compact?: boolean;
  label: string;
}) {
  const cells = objects
    .filter((o) => o.parentId === null && o.position !== null)
    .map((o) => ({ object: o, place: placeCell(grid, o.position as NonNullable<ObjectRow['position']>) }));
  const heightPercent = sheetHeightPercent(cells.map((c) => c.place));

  return (
    <Box
      role="figure"
      aria-label={label}
      style={{
        position: 'relative',
        width: '100%',
        aspectRatio: `${sheetAspect * (100 / heightPercent)}`,
        background: 'var(--mantine-color-default-hover)',
        border: '1px solid var(--mantine-color-default-border)',
        borderRadius: 6,
      }}
    >
      {cells.map(({ object, place }) => (
        <Box
          key={object.id}
          component={Link}
          to={catalogPaths.object(appId, object.id)}
          tabIndex={compact ? -1 : 0}
          title={`${object.title || object.type} (${object.type})`}
          aria-label={`${object.title || object.type} (${object.type})`}
          style={{
            position: 'absolute',
            left: `${place.left}%`,
            top: `${(place.top / heightPercent) * 100}%`,
            width: `${place.width}%`,
            height: `${(place.height / heightPercent) * 100}%`,
            padding: compact ? 2 : 4,
            textDecoration: 'none',
            color: 'inherit',
          }}
        >
          <Box
            h="100%"
            p={compact ? 4 : 8}
            style={{
              background: 'var(--mantine-color-body)',
              border: '1px solid var(--mantine-color-default-border)',
              borderRadius: 4,
              overflow: 'hidden',
              display: 'flex',
              flexDirection: 'column',
              gap: 4,
            }}
            className="qme-sheet-cell"
          >
            <Group gap={4} wrap="nowrap" c="teal">
              <ChartTypeIcon type={object.type} size={compact ? 12 : 18} />
              {!compact && (
                <Text size="xs" c="dimmed" truncate>
                  {object.type}
                </Text>
              )}
            </Group>
            <Text size={compact ? '9px' : 'sm'} fw={500} lineClamp={compact ? 2 : 3} style={{ overflowWrap: 'anywhere' }}>
              {object.title || object.type}
            </Text>
            {!compact && (
              <Box
                c="dimmed"
                style={{ flex: 1, display: 'flex', alignItems: 'center', justifyContent: 'center', opacity: 0.35, minHeight: 0 }}
              >
                <ChartTypeIcon type={object.type} size={40} />
              </Box>
            )}
          </Box>
        </Box>
      ))}
    </Box>
  );
}
