/**
 * The load script of one demo app, with the data model and engine lineage that script produces.
 * Built side by side from one DomainSpec, so GetScript, GetTablesAndKeys, GetLineage and
 * data/metadata always agree (protocol doc §4 for the lineage shape).
 */
import type { EngineLineageRecord } from '../crawl/records';
import { dataEngineeringSpaceName, months, sqlColumn, type DomainSpec } from './domains';
import type { Random } from './prng';
import type { AppRole, DataModel, ModelField, ModelTable } from './tenant-model';

export interface ScriptVariable {
  readonly name: string;
  readonly definition: string;
  readonly isReserved: boolean;
}

export interface AppScript {
  readonly script: string;
  readonly dataModel: DataModel;
  readonly lineage: readonly EngineLineageRecord[];
  readonly variables: readonly ScriptVariable[];
}

type FieldKind = 'int' | 'number' | 'text' | 'date';

const tagsByKind: Record<FieldKind, readonly string[]> = {
  int: ['$numeric', '$integer'],
  number: ['$numeric'],
  text: ['$ascii', '$text'],
  date: ['$numeric', '$integer', '$timestamp', '$date'],
};

function field(name: string, kind: FieldKind, distinct: number): ModelField {
  return { name, distinct, isNumeric: kind !== 'text', tags: tagsByKind[kind] };
}

const snowflake = `${dataEngineeringSpaceName}:Snowflake_PROD`;
const dataFiles = `lib://${dataEngineeringSpaceName}:DataFiles`;
export const commonIncludePath = `${dataFiles}/scripts/common.qvs`;

/** Qlik's own script header: number-interpretation variables are reserved (qIsReserved). */
const headerVariables: readonly ScriptVariable[] = [
  { name: 'ThousandSep', definition: ',', isReserved: true },
  { name: 'DecimalSep', definition: '.', isReserved: true },
  { name: 'MoneyFormat', definition: '$#,##0.00;-$#,##0.00', isReserved: true },
  { name: 'DateFormat', definition: 'YYYY-MM-DD', isReserved: true },
  { name: 'TimestampFormat', definition: 'YYYY-MM-DD h:mm:ss[.fff]', isReserved: true },
  { name: 'FirstWeekDay', definition: '0', isReserved: true },
  { name: 'CollationLocale', definition: 'en-US', isReserved: true },
];

function header(): string[] {
  return ['///$tab Main', ...headerVariables.map((v) => `SET ${v.name}='${v.definition}';`)];
}

interface Sizes {
  readonly factRows: number;
  readonly dimRows: number;
}

/** Distinct dates over two years of history. */
const dateCount = 730;

export function buildAppScript(role: AppRole, domain: DomainSpec, rnd: Random, reloadTime: string): AppScript {
  const sizes: Sizes = { factRows: rnd.int(20, 80) * 1000 + rnd.int(0, 999), dimRows: rnd.int(200, 3000) };
  switch (role) {
    case 'extract':
      return extractScript(domain, sizes, reloadTime);
    case 'transform':
      return transformScript(domain, sizes, reloadTime);
    case 'dashboard':
      return dashboardScript(domain, sizes, reloadTime);
  }
}

function rawPath(domain: DomainSpec): string {
  return `${dataFiles}/raw/${domain.key}`;
}

function transformedPath(domain: DomainSpec): string {
  return `${dataFiles}/transformed/${domain.key}`;
}

export function qvdName(table: string): string {
  return table.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase() + '.qvd';
}

function sqlSelect(domain: DomainSpec, source: string, columns: readonly string[]): string {
  return `SQL SELECT ${columns.map((c) => `"${c}"`).join(', ')}\r\nFROM "${domain.database}"."PUBLIC"."${source}"`;
}

function extractScript(d: DomainSpec, s: Sizes, reloadTime: string): AppScript {
  const raw = rawPath(d);
  const factFields = [d.fact.id, d.dim.id, d.fact.date, d.fact.amount];
  const dimFields = [d.dim.id, d.dim.name, d.dim.group];
  const detailFields = [d.fact.id, d.detail.quantity, d.detail.rate];
  const planFields = [d.dim.group, ...months];
  const sources: { table: string; source: string; fields: readonly string[] }[] = [
    { table: d.fact.table, source: d.fact.source, fields: factFields },
    { table: d.dim.table, source: d.dim.source, fields: dimFields },
    { table: d.detail.table, source: d.detail.source, fields: detailFields },
    { table: d.plan.table, source: d.plan.source, fields: planFields },
  ];
  const lines = [
    ...header(),
    `SET vSourceSystem = 'Snowflake_PROD';`,
    `SET vRawPath = '${raw}';`,
    `LET vExtractStart = Now();`,
    '',
    '///$tab Extract',
    `// Raw copies of the ${d.label} warehouse tables; downstream apps never query Snowflake directly.`,
    `LIB CONNECT TO '${snowflake}';`,
  ];
  const lineage: EngineLineageRecord[] = [];
  for (const src of sources) {
    const columns = src.fields.map(sqlColumn);
    const select = sqlSelect(d, src.source, columns);
    lines.push(
      '',
      `${src.table}:`,
      'LOAD',
      src.fields.map((f, i) => `    ${columns[i]} AS ${f}`).join(',\r\n') + ';',
      select + ';',
      '',
      `STORE ${src.table} INTO [$(vRawPath)/${qvdName(src.table)}] (qvd);`,
    );
    lineage.push({ discriminator: snowflake, statement: select });
    lineage.push({ discriminator: `STORE - ${raw}/${qvdName(src.table)}`, statement: '' });
  }
  lines.push('', '///$tab Exit', `TRACE Extract from $(vSourceSystem) started $(vExtractStart) finished;`, '');
  const tables: ModelTable[] = [
    {
      name: d.fact.table,
      rows: s.factRows,
      comment: `Raw ${d.fact.source}`,
      fields: [
        field(d.fact.id, 'int', s.factRows),
        field(d.dim.id, 'int', s.dimRows),
        field(d.fact.date, 'date', dateCount),
        field(d.fact.amount, 'number', Math.floor(s.factRows * 0.7)),
      ],
    },
    {
      name: d.dim.table,
      rows: s.dimRows,
      comment: `Raw ${d.dim.source}`,
      fields: [field(d.dim.id, 'int', s.dimRows), field(d.dim.name, 'text', s.dimRows), field(d.dim.group, 'text', d.dim.groups.length)],
    },
    {
      name: d.detail.table,
      rows: s.factRows,
      comment: `Raw ${d.detail.source}`,
      fields: [field(d.fact.id, 'int', s.factRows), field(d.detail.quantity, 'int', 60), field(d.detail.rate, 'number', 20)],
    },
    {
      name: d.plan.table,
      rows: d.dim.groups.length,
      comment: `Raw ${d.plan.source} (one column per month)`,
      fields: [field(d.dim.group, 'text', d.dim.groups.length), ...months.map((m) => field(m, 'number', d.dim.groups.length))],
    },
  ];
  const variables: ScriptVariable[] = [
    ...headerVariables,
    { name: 'vSourceSystem', definition: 'Snowflake_PROD', isReserved: false },
    { name: 'vRawPath', definition: raw, isReserved: false },
    { name: 'vExtractStart', definition: reloadTime.replace('T', ' ').slice(0, 19), isReserved: false },
  ];
  return { script: lines.join('\r\n'), dataModel: { tables }, lineage, variables };
}

function groupTotalsTable(d: DomainSpec): string {
  return `${d.dim.group}Totals`;
}

export function totalField(d: DomainSpec): string {
  return `Total${d.fact.amount}`;
}

function transformScript(d: DomainSpec, s: Sizes, reloadTime: string): AppScript {
  const raw = rawPath(d);
  const out = transformedPath(d);
  const mapName = `Map_${d.dim.group}`;
  const lines = [
    ...header(),
    `$(Include=${commonIncludePath});`,
    `SET vRawPath = '${raw}';`,
    `SET vOutPath = '${out}';`,
    `LET vRunDate = Date(Today(), 'YYYY-MM-DD');`,
    '',
    '///$tab Mappings',
    `// ${d.dim.group} per ${d.dim.table.toLowerCase()} row, applied to the fact table below.`,
    `${mapName}:`,
    `MAPPING LOAD ${d.dim.id}, ${d.dim.group}`,
    `FROM [$(vRawPath)/${qvdName(d.dim.table)}] (qvd);`,
    '',
    '///$tab Facts',
    `${d.fact.table}:`,
    `LOAD ${d.fact.id}, ${d.dim.id}, ${d.fact.date}, ${d.fact.amount},`,
    `    ApplyMap('${mapName}', ${d.dim.id}, 'Unknown') AS ${d.dim.group}`,
    `FROM [$(vRawPath)/${qvdName(d.fact.table)}] (qvd);`,
    '',
    `LEFT JOIN (${d.fact.table})`,
    `LOAD ${d.fact.id}, ${d.detail.quantity}, ${d.detail.rate}`,
    `FROM [$(vRawPath)/${qvdName(d.detail.table)}] (qvd);`,
    '',
    `${d.dim.table}:`,
    `LOAD ${d.dim.id}, ${d.dim.name}`,
    `FROM [$(vRawPath)/${qvdName(d.dim.table)}] (qvd);`,
    '',
    '///$tab Plan',
    '/* The plan arrives one column per month; unpivot it so it can be compared by month. */',
    `${d.plan.table}:`,
    `CROSSTABLE(Month, ${d.plan.value}, 1)`,
    `LOAD ${d.dim.group}, ${months.join(', ')}`,
    `FROM [$(vRawPath)/${qvdName(d.plan.table)}] (qvd);`,
    '',
    '///$tab Aggregates',
    `${groupTotalsTable(d)}:`,
    `LOAD ${d.dim.group}, Sum(${d.fact.amount}) AS ${totalField(d)}`,
    `RESIDENT ${d.fact.table}`,
    `GROUP BY ${d.dim.group};`,
    '',
    '///$tab Store',
    `STORE ${d.fact.table} INTO [$(vOutPath)/${qvdName(d.fact.table)}] (qvd);`,
    `STORE ${d.dim.table} INTO [$(vOutPath)/${qvdName(d.dim.table)}] (qvd);`,
    `STORE ${d.plan.table} INTO [$(vOutPath)/${qvdName(d.plan.table)}] (qvd);`,
    `TRACE Transform run $(vRunDate) done;`,
    '',
  ];
  const lineage: EngineLineageRecord[] = [
    { discriminator: `${raw}/${qvdName(d.dim.table)}`, statement: '' },
    { discriminator: `${raw}/${qvdName(d.fact.table)}`, statement: '' },
    { discriminator: `${raw}/${qvdName(d.detail.table)}`, statement: '' },
    { discriminator: `${raw}/${qvdName(d.dim.table)}`, statement: '' },
    { discriminator: `${raw}/${qvdName(d.plan.table)}`, statement: '' },
    { discriminator: `RESIDENT ${d.fact.table}`, statement: '' },
    { discriminator: `STORE - ${out}/${qvdName(d.fact.table)}`, statement: '' },
    { discriminator: `STORE - ${out}/${qvdName(d.dim.table)}`, statement: '' },
    { discriminator: `STORE - ${out}/${qvdName(d.plan.table)}`, statement: '' },
  ];
  const groups = d.dim.groups.length;
  const tables: ModelTable[] = [
    factTable(d, s, `${d.label} facts with ${d.dim.group.toLowerCase()} and ${d.detail.table.toLowerCase()} joined`),
    { name: d.dim.table, rows: s.dimRows, comment: '', fields: [field(d.dim.id, 'int', s.dimRows), field(d.dim.name, 'text', s.dimRows)] },
    planTable(d),
    {
      name: groupTotalsTable(d),
      rows: groups,
      comment: `${d.fact.amount} per ${d.dim.group}`,
      fields: [field(d.dim.group, 'text', groups), field(totalField(d), 'number', groups)],
    },
  ];
  const variables: ScriptVariable[] = [
    ...headerVariables,
    { name: 'vRawPath', definition: raw, isReserved: false },
    { name: 'vOutPath', definition: out, isReserved: false },
    { name: 'vRunDate', definition: reloadTime.slice(0, 10), isReserved: false },
  ];
  return { script: lines.join('\r\n'), dataModel: { tables }, lineage, variables };
}

function factTable(d: DomainSpec, s: Sizes, comment: string): ModelTable {
  return {
    name: d.fact.table,
    rows: s.factRows,
    comment,
    fields: [
      field(d.fact.id, 'int', s.factRows),
      field(d.dim.id, 'int', s.dimRows),
      field(d.fact.date, 'date', dateCount),
      field(d.fact.amount, 'number', Math.floor(s.factRows * 0.7)),
      field(d.dim.group, 'text', d.dim.groups.length),
      field(d.detail.quantity, 'int', 60),
      field(d.detail.rate, 'number', 20),
    ],
  };
}

function planTable(d: DomainSpec): ModelTable {
  const groups = d.dim.groups.length;
  return {
    name: d.plan.table,
    rows: groups * months.length,
    comment: '',
    fields: [
      field(d.dim.group, 'text', groups),
      field('Month', 'text', months.length),
      field(d.plan.value, 'number', groups * months.length),
    ],
  };
}

export function ownersTable(d: DomainSpec): string {
  return `${d.dim.group}Owners`;
}

export function ownerField(d: DomainSpec): string {
  return `${d.dim.group}Owner`;
}

function dashboardScript(d: DomainSpec, s: Sizes, reloadTime: string): AppScript {
  const data = transformedPath(d);
  const minDate = Math.floor(Date.parse(reloadTime) / 86_400_000) + 25_569 - dateCount;
  const lines = [
    ...header(),
    `$(Include=${commonIncludePath});`,
    `SET vDataPath = '${data}';`,
    `LET vToday = Today();`,
    '',
    '///$tab Data',
    `${d.fact.table}:`,
    'LOAD *',
    `FROM [$(vDataPath)/${qvdName(d.fact.table)}] (qvd);`,
    '',
    `${d.dim.table}:`,
    `LOAD ${d.dim.id}, ${d.dim.name}`,
    `FROM [$(vDataPath)/${qvdName(d.dim.table)}] (qvd);`,
    '',
    `${d.plan.table}:`,
    `LOAD ${d.dim.group}, Month, ${d.plan.value}`,
    `FROM [$(vDataPath)/${qvdName(d.plan.table)}] (qvd);`,
    '',
    `${ownersTable(d)}:`,
    'LOAD * INLINE [',
    `${d.dim.group}, ${ownerField(d)}`,
    ...d.dim.groups.map((g, i) => `${g}, ${d.dim.owners[i] ?? ''}`),
    '];',
    '',
    '///$tab Calendar',
    `// Master calendar spanning the ${d.fact.date} range.`,
    'MinMax:',
    `LOAD Min(${d.fact.date}) AS MinDate, Max(${d.fact.date}) AS MaxDate`,
    `RESIDENT ${d.fact.table};`,
    `LET vMinDate = Num(Peek('MinDate', 0, 'MinMax'));`,
    `LET vMaxDate = Num(Peek('MaxDate', 0, 'MinMax'));`,
    'DROP TABLE MinMax;',
    '',
    'Calendar:',
    `LOAD Date($(vMinDate) + IterNo() - 1) AS ${d.fact.date},`,
    '    Year($(vMinDate) + IterNo() - 1) AS Year,',
    `    'Q' & Ceil(Month($(vMinDate) + IterNo() - 1) / 3) AS Quarter,`,
    `    Date(MonthStart($(vMinDate) + IterNo() - 1), 'YYYY-MM') AS YearMonth`,
    'AUTOGENERATE 1',
    'WHILE $(vMinDate) + IterNo() - 1 <= $(vMaxDate);',
    '',
  ];
  const lineage: EngineLineageRecord[] = [
    { discriminator: `${data}/${qvdName(d.fact.table)}`, statement: '' },
    { discriminator: `${data}/${qvdName(d.dim.table)}`, statement: '' },
    { discriminator: `${data}/${qvdName(d.plan.table)}`, statement: '' },
    { discriminator: 'INLINE', statement: '' },
    { discriminator: `RESIDENT ${d.fact.table}`, statement: '' },
    { discriminator: 'AUTOGENERATE', statement: '' },
  ];
  const groups = d.dim.groups.length;
  const tables: ModelTable[] = [
    factTable(d, s, ''),
    { name: d.dim.table, rows: s.dimRows, comment: '', fields: [field(d.dim.id, 'int', s.dimRows), field(d.dim.name, 'text', s.dimRows)] },
    planTable(d),
    { name: ownersTable(d), rows: groups, comment: '', fields: [field(d.dim.group, 'text', groups), field(ownerField(d), 'text', groups)] },
    {
      name: 'Calendar',
      rows: dateCount,
      comment: 'Master calendar',
      fields: [field(d.fact.date, 'date', dateCount), field('Year', 'int', 3), field('Quarter', 'text', 4), field('YearMonth', 'date', 25)],
    },
  ];
  const variables: ScriptVariable[] = [
    ...headerVariables,
    { name: 'vDataPath', definition: data, isReserved: false },
    { name: 'vToday', definition: reloadTime.slice(0, 10), isReserved: false },
    { name: 'vMinDate', definition: String(minDate), isReserved: false },
    { name: 'vMaxDate', definition: String(minDate + dateCount - 1), isReserved: false },
  ];
  return { script: lines.join('\r\n'), dataModel: { tables }, lineage, variables };
}
