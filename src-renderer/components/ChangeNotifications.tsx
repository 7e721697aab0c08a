import { Anchor, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback } from 'react';
import { Link } from 'react-router-dom';
import type { ChangeNotification } from '../../src-main/snapshots/snapshot-views';
import { useEvent } from '../api/hooks';

/** Shows what a scheduled crawl changed, with a link to the diff (the desktop app also notifies the OS). */
export function ChangeNotifications() {
  const show = useCallback((change: ChangeNotification) => {
    notifications.show({
      title: change.title,
      autoClose: 15_000,
      message: (
        <Text size="sm">
          {change.body}{' '}
          <Anchor component={Link} to={change.link} size="sm">
            Show the changes
          </Anchor>
        </Text>
      ),
    });
  }, []);
  useEvent('snapshots/changes', show);
  return null;
}
