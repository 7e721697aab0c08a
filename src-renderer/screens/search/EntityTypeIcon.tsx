import {
  IconAppWindow,
  IconBolt,
  IconBookmark,
  IconChartBar,
  IconChartDots3,
  IconColumns,
  IconFileCode,
  IconFolder,
  IconLayoutDashboard,
  IconPlug,
  IconStack2,
  IconTable,
  IconVariable,
  type Icon,
} from '@tabler/icons-react';
import type { SearchEntityType } from '../../../src-main/catalog/catalog-types';

const icons: Record<SearchEntityType, Icon> = {
  app: IconAppWindow,
  sheet: IconLayoutDashboard,
  object: IconChartBar,
  'master-measure': IconChartDots3,
  'master-dimension': IconChartDots3,
  'master-visualization': IconChartDots3,
  variable: IconVariable,
  bookmark: IconBookmark,
  table: IconTable,
  field: IconColumns,
  script: IconFileCode,
  space: IconFolder,
  collection: IconStack2,
  'data-connection': IconPlug,
  automation: IconBolt,
};

export function EntityTypeIcon({ type, size = 16 }: { type: SearchEntityType; size?: number }) {
  const IconComponent = icons[type];
  return <IconComponent size={size} stroke={1.6} aria-hidden />;
}
