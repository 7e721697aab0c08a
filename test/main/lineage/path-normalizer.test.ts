import { describe, expect, it } from 'vitest';
import { normalizeConnectionName, normalizeDataPath, normalizeTableName } from '../../../src-main/lineage/path-normalizer';

describe('path normalisation for cross-app lineage', () => {
  it.each([
    ['lib://Finance:DataFiles/Sales.qvd', 'lib://datafiles/sales.qvd'],
    ['lib://DataFiles/sales.qvd', 'lib://datafiles/sales.qvd'],
    ['[lib://DataFiles\\Sub\\sales.qvd]', 'lib://datafiles/sub/sales.qvd'],
    ['lib://CONN:DataFiles/Sales.qvd;', 'lib://datafiles/sales.qvd'],
    ["'[lib://PathQVDTeste (qlikserver_luiz)/tarefas.qvd]'", 'lib://pathqvdteste (qlikserver_luiz)/tarefas.qvd'],
    ['lib://DataFiles//raw/./x/../Sales.QVD', 'lib://datafiles/raw/sales.qvd'],
    ['C:\\Data\\X.qvd', 'c:/data/x.qvd'],
    ['\\\\fileserver\\qlik\\data\\customers.qvd', '//fileserver/qlik/data/customers.qvd'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeDataPath(input)).toBe(expected);
  });

  it('resolves relative paths against DIRECTORY', () => {
    expect(normalizeDataPath('Sales.qvd', { directory: 'lib://Finance:DataFiles/raw' })).toBe('lib://datafiles/raw/sales.qvd');
  });

  it('drops the space prefix of connection names', () => {
    expect(normalizeConnectionName("'Finance:Snowflake_PROD'")).toBe('snowflake_prod');
  });

  it('unquotes table name parts', () => {
    expect(normalizeTableName('"SALES"."PUBLIC"."ORDERS"')).toBe('sales.public.orders');
  });
});
