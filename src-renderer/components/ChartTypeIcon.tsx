import {
  IconChartArcs,
  IconChartArea,
  IconChartBar,
  IconChartDots,
  IconChartDonut,
  IconChartLine,
  IconChartPie,
  IconChartTreemap,
  IconFilter,
  IconBox,
  IconLayoutGrid,
  IconMap,
  IconNumber,
  IconTable,
  IconTextCaption,
  IconPhoto,
  IconGauge,
  IconChartHistogram,
  IconList,
  type Icon,
} from '@tabler/icons-react';

/** Qlik visualization types (qInfo.qType) to icons; unknown types (extensions) get a generic box. */
const iconsByType: Record<string, Icon> = {
  barchart: IconChartBar,
  combochart: IconChartHistogram,
  linechart: IconChartLine,
  piechart: IconChartPie,
  donutchart: IconChartDonut,
  scatterplot: IconChartDots,
  treemap: IconChartTreemap,
  kpi: IconNumber,
  gauge: IconGauge,
  table: IconTable,
  'pivot-table': IconTable,
  'sn-table': IconTable,
  'sn-pivot-table': IconTable,
  straighttable: IconTable,
  filterpane: IconFilter,
  listbox: IconList,
  map: IconMap,
  text: IconTextCaption,
  'text-image': IconTextCaption,
  image: IconPhoto,
  container: IconLayoutGrid,
  mekkochart: IconChartArea,
  waterfallchart: IconChartBar,
  distributionplot: IconChartArcs,
  boxplot: IconChartArcs,
};

export function chartTypeIcon(type: string): Icon {
  return iconsByType[type.toLowerCase()] ?? IconBox;
}

export function ChartTypeIcon({ type, size = 16 }: { type: string; size?: number }) {
  const IconComponent = iconsByType[type.toLowerCase()] ?? IconBox;
  return <IconComponent size={size} stroke={1.6} aria-hidden />;
}
