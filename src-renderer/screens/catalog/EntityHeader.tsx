import { Anchor, Badge, Breadcrumbs, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { LineageLink } from '../../components/LineageLink';

export interface Crumb {
  readonly label: string;
  readonly to: string;
}

/** Title of a detail page with the way back up (breadcrumbs), its kind and its lineage. */
export function EntityHeader({
  crumbs,
  title,
  kind,
  icon,
  lineageNode,
  subtitle,
  actions,
}: {
  crumbs: readonly Crumb[];
  title: string;
  kind: string;
  icon?: ReactNode;
  lineageNode?: string;
  subtitle?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <Stack gap={6}>
      {crumbs.length > 0 && (
        <Breadcrumbs separatorMargin={6} aria-label="Breadcrumb" styles={{ root: { flexWrap: 'wrap' } }}>
          {crumbs.map((crumb) => (
            <Anchor key={crumb.to} component={Link} to={crumb.to} size="sm">
              {crumb.label}
            </Anchor>
          ))}
        </Breadcrumbs>
      )}
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
          {icon}
          <Title order={2} size="h3" style={{ overflowWrap: 'anywhere' }}>
            {title}
          </Title>
          <Badge variant="light" color="gray" style={{ flexShrink: 0 }}>
            {kind}
          </Badge>
        </Group>
        <Group gap="xs" wrap="nowrap">
          {actions}
          {lineageNode && <LineageLink node={lineageNode} />}
        </Group>
      </Group>
      {subtitle && (
        <Text c="dimmed" size="sm">
          {subtitle}
        </Text>
      )}
    </Stack>
  );
}
