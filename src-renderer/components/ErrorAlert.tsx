import { Alert, Code, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ErrorShape } from '../../src-main/api/errors';

/** An error from main: what went wrong, what to do, and the technical detail on demand. */
export function ErrorAlert({ error, title }: { error: ErrorShape; title?: string }) {
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={title ?? error.message} role="alert">
      {title && <Text size="sm">{error.message}</Text>}
      <Text size="sm">{error.remedy}</Text>
      {error.detail && (
        <Code block mt={6} fz="xs">
          {error.detail}
        </Code>
      )}
    </Alert>
  );
}
