import { ActionIcon, Tooltip, useMantineColorScheme } from '@mantine/core';
import { IconDeviceDesktop, IconMoon, IconSun } from '@tabler/icons-react';

const order = ['light', 'dark', 'auto'] as const;
const labels = { light: 'Light theme', dark: 'Dark theme', auto: 'Theme follows the system' } as const;

/** Cycles light → dark → auto. */
export function ColorSchemeToggle() {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  const next = order[(order.indexOf(colorScheme) + 1) % order.length] ?? 'auto';
  const Icon = colorScheme === 'light' ? IconSun : colorScheme === 'dark' ? IconMoon : IconDeviceDesktop;
  return (
    <Tooltip label={`${labels[colorScheme]} (click for ${next})`}>
      <ActionIcon
        variant="default"
        size="lg"
        onClick={() => setColorScheme(next)}
        aria-label={`Color scheme: ${colorScheme}. Switch to ${next}`}
      >
        <Icon size={18} stroke={1.5} />
      </ActionIcon>
    </Tooltip>
  );
}
