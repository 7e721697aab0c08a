import { describe, expect, it } from 'vitest';
import type { DataConnectionRow, SpaceRow } from '../../../src-main/catalog/catalog-types';
import { connectionsUsedByScript } from '../../../src-renderer/screens/catalog/connections-used';

const space: SpaceRow = {
  id: 's1',
  name: 'Data Engineering',
  type: 'shared',
  description: '',
  ownerId: null,
  createdAt: null,
  updatedAt: null,
  appCount: 1,
};
const connection = (id: string, name: string, spaceId: string | null): DataConnectionRow => ({
  id,
  name,
  type: 'folder',
  spaceId,
  connectStatement: '',
  createdAt: null,
  updatedAt: null,
});

describe('data connections named by a script', () => {
  it('matches lib:// paths and LIB CONNECT TO by space-qualified name, with their lines', () => {
    const script =
      "LIB CONNECT TO 'Data Engineering:Snowflake';\nLOAD * FROM [lib://Data Engineering:DataFiles/x.qvd] (qvd);\nLOAD * FROM [lib://DataFiles/y.qvd] (qvd);";
    const uses = connectionsUsedByScript(
      script,
      [
        connection('a', 'Snowflake', 's1'),
        connection('b', 'DataFiles', 's1'),
        connection('c', 'DataFiles', null),
        connection('d', 'Unused', 's1'),
      ],
      [space],
    );
    expect(uses.map((u) => [u.connection.id, u.lines])).toEqual([
      ['a', [1]],
      ['b', [2]],
      ['c', [3]],
    ]);
  });
});
