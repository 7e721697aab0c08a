/** RFC 6901 JSON pointers, as the engine resolves `qData` paths against an object's properties. */
import type { JsonValue } from './tenant-model';

export function resolvePointer(root: JsonValue | undefined, pointer: string): JsonValue | undefined {
  if (pointer === '') return root;
  if (!pointer.startsWith('/')) return undefined;
  let node: JsonValue | undefined = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) node = node[Number(key)];
    else if (node !== null && typeof node === 'object') node = node[key];
    else return undefined;
    if (node === undefined) return undefined;
  }
  return node;
}
