import { Button } from '@mantine/core';
import { IconBinaryTree2 } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import { lineagePath } from '../screens/catalog/catalog-paths';

/** Opens the lineage graph centred on one node (node ids as src-main/lineage builds them). */
export function LineageLink({ node, label = 'Lineage' }: { node: string; label?: string }) {
  return (
    <Button component={Link} to={lineagePath(node)} variant="light" size="xs" leftSection={<IconBinaryTree2 size={14} aria-hidden />}>
      {label}
    </Button>
  );
}
