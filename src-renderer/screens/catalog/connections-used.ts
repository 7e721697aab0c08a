/**
 * Which data connections an app's load script names. Qlik Cloud scripts address them as
 * `lib://Space name:Connection/…` (or `lib://Connection/…` in the personal space) and
 * `LIB CONNECT TO 'Space name:Connection'`. Display-only matching; lineage does the real parse.
 */
import type { DataConnectionRow, SpaceRow } from '../../../src-main/catalog/catalog-types';

export interface ConnectionUse {
  readonly connection: DataConnectionRow;
  /** 1-based lines naming it. */
  readonly lines: readonly number[];
}

export function connectionReferences(script: string): Map<string, number[]> {
  const refs = new Map<string, number[]>();
  const patterns = [/lib:\/\/([^/'"\]\r\n)]+)/gi, /lib\s+connect\s+to\s+['"[]([^'"\]\r\n]+)['"\]]/gi];
  script.split('\n').forEach((line, index) => {
    for (const pattern of patterns) {
      for (const match of line.matchAll(pattern)) {
        const name = (match[1] ?? '').trim().toLowerCase();
        if (!name) continue;
        const lines = refs.get(name) ?? [];
        if (!lines.includes(index + 1)) lines.push(index + 1);
        refs.set(name, lines);
      }
    }
  });
  return refs;
}

export function connectionsUsedByScript(
  script: string,
  connections: readonly DataConnectionRow[],
  spaces: readonly SpaceRow[],
): ConnectionUse[] {
  const refs = connectionReferences(script);
  const spaceNames = new Map(spaces.map((s) => [s.id, s.name]));
  const uses: ConnectionUse[] = [];
  for (const connection of connections) {
    const space = connection.spaceId ? spaceNames.get(connection.spaceId) : undefined;
    const qualified = (space ? `${space}:${connection.name}` : connection.name).toLowerCase();
    const lines = refs.get(qualified);
    if (lines) uses.push({ connection, lines });
  }
  return uses;
}
