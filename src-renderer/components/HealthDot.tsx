import { Box, Tooltip } from '@mantine/core';
import type { Health } from '../../src-main/api/types/connections';

const colors: Record<Health, string> = {
  ok: 'var(--mantine-color-green-6)',
  failed: 'var(--mantine-color-red-6)',
  unknown: 'var(--mantine-color-gray-5)',
};
const labels: Record<Health, string> = { ok: 'Reachable, key accepted', failed: 'Last check failed', unknown: 'Not checked yet' };

export function HealthDot({ health }: { health: Health }) {
  return (
    <Tooltip label={labels[health]}>
      <Box
        component="span"
        role="img"
        aria-label={labels[health]}
        w={10}
        h={10}
        style={{ borderRadius: '50%', background: colors[health], display: 'inline-block', flex: 'none' }}
      />
    </Tooltip>
  );
}
