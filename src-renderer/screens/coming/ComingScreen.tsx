import { Center, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import type { Section } from '../../navigation';

/** Placeholder for a section whose screen has not landed yet. */
export function ComingScreen({ section }: { section: Section }) {
  return (
    <Center h="70vh">
      <Stack align="center" gap="xs">
        <ThemeIcon size={56} radius="xl" variant="light">
          <section.icon size={30} stroke={1.5} />
        </ThemeIcon>
        <Title order={2}>{section.label}</Title>
        <Text c="dimmed">{section.description}: coming.</Text>
      </Stack>
    </Center>
  );
}
