import { describe, expect, it } from 'vitest';
import { scanExpression } from '../../../src-main/lineage/expression-scanner';

describe('expression scanner', () => {
  it('finds plain, bracketed and quoted fields and the aggregation', () => {
    const scan = scanExpression('=Sum([Sales Amount]) / Count(DISTINCT "Order ID") + Margin');
    expect(scan.fields).toEqual(['Sales Amount', 'Order ID', 'Margin']);
    expect(scan.aggregations).toEqual(['SUM', 'COUNT']);
  });

  it('names set-analysis fields but not their values or search strings', () => {
    const scan = scanExpression(`Sum({<Year={2024}, [Region]={'EU'}, Product={"A*"}>} Sales)`);
    expect(scan.setAnalysisFields).toEqual(['Year', 'Region', 'Product']);
    expect(scan.fields).toEqual(['Year', 'Region', 'Product', 'Sales']);
  });

  it('reads P() and E() element functions and modifier operators', () => {
    const scan = scanExpression('Sum({$<Customer=P(BoughtCustomer), Country-={"X"}>} Amount)');
    expect(scan.fields).toEqual(['Customer', 'BoughtCustomer', 'Country', 'Amount']);
  });

  it('reports variables, including those inside $(=…) expansions', () => {
    const scan = scanExpression('Sum(Sales) * $(vRate) + $(=Max(Year))');
    expect(scan.variables).toEqual(['vRate']);
    expect(scan.fields).toEqual(['Sales', 'Year']);
  });

  it('ignores string literals and comments', () => {
    const scan = scanExpression(`If(Status = 'Closed Region', 1) // Region is not a field here\n /* Sales */`);
    expect(scan.fields).toEqual(['Status']);
  });

  it('restricts plain words to known fields when given', () => {
    const scan = scanExpression('Sum(Amount) * Rate', { knownFields: ['Amount'] });
    expect(scan.fields).toEqual(['Amount']);
  });

  it('tells master items from fields', () => {
    const scan = scanExpression('[Revenue] / [Cost]', { knownFields: ['Cost'], masterItems: ['Revenue'] });
    expect(scan.masterItems).toEqual(['Revenue']);
    expect(scan.fields).toEqual(['Cost']);
  });

  it('reads ApplyMap mapping names', () => {
    expect(scanExpression(`ApplyMap('map_holidays', date_id, 'Working')`).mappings).toEqual(['map_holidays']);
  });

  it('answers for broken input instead of throwing', () => {
    expect(() => scanExpression('Sum({<Year={2024>} (((')).not.toThrow();
  });
});
