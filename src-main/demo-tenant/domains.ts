/**
 * The business domains the demo tenant is built from. Each domain yields an extract app, a
 * transform app and two dashboards; with more apps the domains repeat as "Sales 2", "Finance 2"…
 * One spec drives the scripts, the data model and the charts, so they cannot disagree.
 */

export interface DomainSpec {
  /** Folder-safe key used in QVD paths: `sales`, `sales_2`. */
  readonly key: string;
  /** `Sales`, `Sales 2`. */
  readonly label: string;
  /** Name of the shared/managed space holding the dashboards. */
  readonly spaceName: string;
  readonly database: string;
  readonly fact: { readonly source: string; readonly table: string; readonly id: string; readonly date: string; readonly amount: string };
  readonly dim: {
    readonly source: string;
    readonly table: string;
    readonly id: string;
    readonly name: string;
    readonly group: string;
    readonly groups: readonly string[];
    readonly owners: readonly string[];
  };
  readonly detail: { readonly source: string; readonly table: string; readonly quantity: string; readonly rate: string };
  readonly plan: { readonly source: string; readonly table: string; readonly value: string };
  /** Master measure title for Sum(amount). */
  readonly amountTitle: string;
  readonly dashboards: readonly [DashboardSpec, DashboardSpec];
}

export interface DashboardSpec {
  readonly name: string;
  readonly description: string;
  readonly sheetTitles: readonly string[];
}

type BaseDomain = Omit<DomainSpec, 'key' | 'label' | 'spaceName'> & { readonly key: string; readonly label: string };

const baseDomains: readonly BaseDomain[] = [
  {
    key: 'sales',
    label: 'Sales',
    database: 'SALES',
    fact: { source: 'ORDERS', table: 'Orders', id: 'OrderID', date: 'OrderDate', amount: 'Amount' },
    dim: {
      source: 'CUSTOMERS',
      table: 'Customers',
      id: 'CustomerID',
      name: 'CustomerName',
      group: 'Region',
      groups: ['EMEA', 'Americas', 'APAC', 'Nordics'],
      owners: ['Anna Berg', 'Luis Ortega', 'Mei Tanaka', 'Erik Lund'],
    },
    detail: { source: 'ORDER_LINES', table: 'OrderLines', quantity: 'Quantity', rate: 'Discount' },
    plan: { source: 'SALES_TARGETS', table: 'Targets', value: 'Target' },
    amountTitle: 'Revenue',
    dashboards: [
      {
        name: 'Sales Overview',
        description: 'Revenue, orders and target attainment by region.',
        sheetTitles: ['Overview', 'Regions', 'Trends', 'Products', 'Details'],
      },
      {
        name: 'Sales Customer Insights',
        description: 'Customer ranking and order patterns.',
        sheetTitles: ['Customers', 'Cohorts', 'Top accounts', 'Details'],
      },
    ],
  },
  {
    key: 'finance',
    label: 'Finance',
    database: 'FINANCE',
    fact: { source: 'GL_ENTRIES', table: 'Ledger', id: 'EntryID', date: 'PostingDate', amount: 'NetAmount' },
    dim: {
      source: 'ACCOUNTS',
      table: 'Accounts',
      id: 'AccountID',
      name: 'AccountName',
      group: 'AccountGroup',
      groups: ['Revenue', 'COGS', 'Opex', 'Other'],
      owners: ['Sara Holm', 'Tom Baker', 'Priya Nair', 'Jonas Weber'],
    },
    detail: { source: 'GL_TAX', table: 'LedgerTax', quantity: 'TaxAmount', rate: 'TaxRate' },
    plan: { source: 'BUDGET', table: 'Budget', value: 'BudgetAmount' },
    amountTitle: 'Net amount',
    dashboards: [
      {
        name: 'Finance P&L',
        description: 'Profit and loss against budget.',
        sheetTitles: ['P&L', 'Budget vs actual', 'Accounts', 'Details'],
      },
      { name: 'Finance Cost Control', description: 'Operating expenses by account group.', sheetTitles: ['Costs', 'Variance', 'Details'] },
    ],
  },
  {
    key: 'hr',
    label: 'HR',
    database: 'HR',
    fact: { source: 'EMPLOYEES', table: 'Employees', id: 'EmployeeID', date: 'HireDate', amount: 'Salary' },
    dim: {
      source: 'DEPARTMENTS',
      table: 'Departments',
      id: 'DepartmentID',
      name: 'DepartmentName',
      group: 'Division',
      groups: ['Operations', 'Commercial', 'R&D', 'Support'],
      owners: ['Maria Rossi', 'Ken Adams', 'Lina Haddad', 'Olle Nyberg'],
    },
    detail: { source: 'ABSENCES', table: 'Absences', quantity: 'AbsenceDays', rate: 'AbsenceRate' },
    plan: { source: 'HEADCOUNT_PLAN', table: 'HeadcountPlan', value: 'PlannedHeadcount' },
    amountTitle: 'Payroll',
    dashboards: [
      {
        name: 'HR Headcount',
        description: 'Headcount, payroll and plan by division.',
        sheetTitles: ['Headcount', 'Payroll', 'Plan', 'Details'],
      },
      {
        name: 'HR Attrition Sandbox',
        description: 'Personal exploration of absence and attrition.',
        sheetTitles: ['Absence', 'Attrition', 'Details'],
      },
    ],
  },
];

export const dataEngineeringSpaceName = 'Data Engineering';

/** Domain number `index` (0-based): the base domains repeat with a generation suffix. */
export function domainSpec(index: number): DomainSpec {
  const base = baseDomains[index % baseDomains.length] as BaseDomain;
  const generation = Math.floor(index / baseDomains.length);
  if (generation === 0) return { ...base, spaceName: base.label };
  const label = `${base.label} ${generation + 1}`;
  return {
    ...base,
    key: `${base.key}_${generation + 1}`,
    label,
    spaceName: label,
    dashboards: [
      { ...base.dashboards[0], name: `${base.dashboards[0].name} ${generation + 1}` },
      { ...base.dashboards[1], name: `${base.dashboards[1].name} ${generation + 1}` },
    ],
  };
}

export const domainsPerGeneration = baseDomains.length;

/** `OrderID` → `ORDER_ID`: how the warehouse names the column a Qlik field is loaded from. */
export function sqlColumn(fieldName: string): string {
  return fieldName.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}

export const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
