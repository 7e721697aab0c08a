import { Stack, Text, ThemeIcon, Title } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/** Nothing to show yet: say why and offer the way forward. */
export function EmptyState({
  icon: IconComponent,
  title,
  children,
  actions,
}: {
  icon: Icon;
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <Stack align="center" gap="sm" py="xl" ta="center" maw={520} mx="auto">
      <ThemeIcon size={56} radius="xl" variant="light" color="gray">
        <IconComponent size={30} stroke={1.5} aria-hidden />
      </ThemeIcon>
      <Title order={3}>{title}</Title>
      {children && (
        <Text c="dimmed" size="sm">
          {children}
        </Text>
      )}
      {actions}
    </Stack>
  );
}
