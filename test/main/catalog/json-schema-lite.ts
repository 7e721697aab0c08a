/**
 * A validator for the JSON Schema subset docs/export-schema.json uses: type (incl. arrays of
 * types), const, enum, pattern, minimum, properties, required, additionalProperties: false,
 * items, $ref to #/$defs. Anything else in the schema is reported, so the subset cannot drift.
 */
type Schema = Record<string, unknown>;

const SUPPORTED = new Set([
  '$schema',
  '$id',
  'title',
  'description',
  'type',
  'const',
  'enum',
  'pattern',
  'minimum',
  'properties',
  'required',
  'additionalProperties',
  'items',
  '$ref',
  '$defs',
]);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

export function validate(root: Schema, value: unknown): string[] {
  const errors: string[] = [];
  const visit = (schema: Schema, v: unknown, path: string): void => {
    for (const key of Object.keys(schema)) if (!SUPPORTED.has(key)) errors.push(`${path}: unsupported keyword ${key}`);
    if (typeof schema['$ref'] === 'string') {
      const name = schema['$ref'].replace('#/$defs/', '');
      const target = (root['$defs'] as Record<string, Schema>)[name];
      if (!target) errors.push(`${path}: unknown $ref ${schema['$ref']}`);
      else visit(target, v, path);
      return;
    }
    if (schema['type'] !== undefined) {
      const types = Array.isArray(schema['type']) ? (schema['type'] as string[]) : [schema['type'] as string];
      const actual = typeOf(v);
      const ok = types.includes(actual) || (actual === 'integer' && types.includes('number'));
      if (!ok) {
        errors.push(`${path}: expected ${types.join('|')}, got ${actual}`);
        return;
      }
    }
    if ('const' in schema && JSON.stringify(schema['const']) !== JSON.stringify(v))
      errors.push(`${path}: expected const ${JSON.stringify(schema['const'])}`);
    if (Array.isArray(schema['enum']) && !schema['enum'].some((e) => JSON.stringify(e) === JSON.stringify(v)))
      errors.push(`${path}: ${JSON.stringify(v)} not in enum`);
    if (typeof schema['pattern'] === 'string' && typeof v === 'string' && !new RegExp(schema['pattern'], 'u').test(v))
      errors.push(`${path}: does not match ${schema['pattern']}`);
    if (typeof schema['minimum'] === 'number' && typeof v === 'number' && v < schema['minimum']) errors.push(`${path}: below minimum`);
    if (typeOf(v) === 'object') {
      const obj = v as Record<string, unknown>;
      const props = (schema['properties'] ?? {}) as Record<string, Schema>;
      for (const r of (schema['required'] ?? []) as string[]) if (!(r in obj)) errors.push(`${path}: missing ${r}`);
      for (const [k, child] of Object.entries(obj)) {
        if (props[k]) visit(props[k], child, `${path}.${k}`);
        else if (schema['additionalProperties'] === false) errors.push(`${path}: unexpected property ${k}`);
      }
    }
    if (Array.isArray(v) && schema['items']) v.forEach((item, i) => visit(schema['items'] as Schema, item, `${path}[${i}]`));
  };
  visit(root, value, '$');
  return errors;
}
