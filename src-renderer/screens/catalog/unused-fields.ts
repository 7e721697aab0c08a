/** Which fields of an app to check for use: keys link tables and system fields ($Table…) are Qlik's own. */
import type { DataModelField } from '../../../src-main/catalog/catalog-types';

export function fieldsToCheckForUse(fields: readonly DataModelField[]): DataModelField[] {
  return fields.filter((f) => !f.isKey && !f.isSystem && !f.name.startsWith('$'));
}
