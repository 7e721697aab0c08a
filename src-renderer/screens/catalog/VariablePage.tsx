import { Badge, Group, Stack, Text, Title } from '@mantine/core';
import { IconVariable, IconVariableOff } from '@tabler/icons-react';
import { useParams } from 'react-router-dom';
import { EmptyState } from '../../components/EmptyState';
import { QueryView } from '../../components/QueryView';
import { appCrumbs } from './AppCrumbs';
import { catalogPaths } from './catalog-paths';
import { EntityHeader } from './EntityHeader';
import { ExpressionText } from './ExpressionText';
import { useCatalogCall } from './use-catalog-call';
import { WhereUsedList } from './WhereUsedList';

export function VariablePage() {
  const { appId = '', variableId = '' } = useParams();
  const app = useCatalogCall('catalog/app', { appId });
  const variables = useCatalogCall('catalog/variables', { appId });
  return (
    <QueryView query={variables} skeletonRows={5}>
      {(rows) => {
        const variable = rows.find((v) => v.id === variableId) ?? rows.find((v) => v.name === variableId);
        if (!variable) return <EmptyState icon={IconVariableOff} title="This variable is not in the snapshot" />;
        return (
          <Stack>
            <EntityHeader
              crumbs={[...appCrumbs(appId, app.data), { label: 'Variables', to: catalogPaths.app(appId, 'variables') }]}
              title={variable.name}
              kind="variable"
              icon={<IconVariable size={24} aria-hidden />}
              subtitle={variable.comment || undefined}
            />
            <Group gap={6}>
              {variable.isScriptCreated && (
                <Badge variant="light" size="sm">
                  set in the load script
                </Badge>
              )}
              {variable.isReserved && (
                <Badge variant="light" color="gray" size="sm">
                  reserved
                </Badge>
              )}
              {variable.isConfig && (
                <Badge variant="light" color="gray" size="sm">
                  configuration
                </Badge>
              )}
            </Group>
            <Stack gap={4}>
              <Title order={3} size="h5">
                Definition
              </Title>
              <ExpressionText expression={variable.definition} label={`Definition of ${variable.name}`} />
              {variable.isScriptCreated && (
                <Text size="xs" c="dimmed">
                  The value the last reload left; the Script tab shows where it is set.
                </Text>
              )}
            </Stack>
            <Title order={3} size="h4">
              Where used
            </Title>
            <WhereUsedList appId={appId} target={{ kind: 'variable', name: variable.name }} what={`the variable ${variable.name}`} />
          </Stack>
        );
      }}
    </QueryView>
  );
}
