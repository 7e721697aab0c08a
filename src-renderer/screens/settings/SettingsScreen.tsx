import { Alert, Card, SegmentedControl, Skeleton, Stack, Table, Text, Title, useMantineColorScheme } from '@mantine/core';
import { useCall } from '../../api/hooks';
import { getBridge } from '../../api/client';

export function SettingsScreen() {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  const info = useCall('app/info', {});

  return (
    <Stack maw={720}>
      <Title order={2}>Settings</Title>
      <Card withBorder>
        <Stack gap="xs">
          <Text fw={600} id="appearance-label">
            Appearance
          </Text>
          <SegmentedControl
            aria-labelledby="appearance-label"
            value={colorScheme}
            onChange={(value) => setColorScheme(value as 'light' | 'dark' | 'auto')}
            data={[
              { value: 'light', label: 'Light' },
              { value: 'dark', label: 'Dark' },
              { value: 'auto', label: 'System' },
            ]}
          />
        </Stack>
      </Card>
      <Card withBorder>
        <Text fw={600} mb="xs">
          About
        </Text>
        {info.isPending && <Skeleton h={80} />}
        {info.error && (
          <Alert color="red" title={info.error.message}>
            {info.error.remedy}
          </Alert>
        )}
        {info.data && (
          <Table>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th>Version</Table.Th>
                <Table.Td>{info.data.version}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Platform</Table.Th>
                <Table.Td>{info.data.platform}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Running as</Table.Th>
                <Table.Td>{getBridge().transport === 'electron' ? 'Desktop app' : 'Browser (npm run serve)'}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Data folder</Table.Th>
                <Table.Td style={{ wordBreak: 'break-all' }}>{info.data.userDataDir}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        )}
      </Card>
    </Stack>
  );
}
