/**
 * Which tree node a catalog route shows, so the tree can open down to it and highlight it when a
 * page is reached directly (a link from search or lineage, a pasted URL) rather than by clicking
 * through the tree.
 */
import { personalSpaceKey } from './catalog-paths';

export type TreeTarget =
  | { readonly kind: 'space'; readonly spaceKey: string }
  | { readonly kind: 'app'; readonly appId: string }
  | { readonly kind: 'sheet'; readonly appId: string; readonly sheetId: string }
  | { readonly kind: 'object'; readonly appId: string; readonly objectId: string };

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The target of a `/catalog/…` pathname (as catalogPaths builds them), or null for other pages. */
export function treeTargetOf(pathname: string): TreeTarget | null {
  const [root, area, id, child, childId] = pathname
    .split('/')
    .filter((s) => s !== '')
    .map(decode);
  if (root !== 'catalog' || id === undefined || id === '') return null;
  if (area === 'space') return { kind: 'space', spaceKey: id };
  if (area !== 'app') return null;
  if (child === 'sheet' && childId) return { kind: 'sheet', appId: id, sheetId: childId };
  if (child === 'object' && childId) return { kind: 'object', appId: id, objectId: childId };
  // Tabs, master items, variables and fields are not tree nodes: their app is.
  return { kind: 'app', appId: id };
}

/** The tree's key for a space: its id, or the personal space's route word for apps outside spaces. */
export function spaceKeyOf(spaceId: string | null): string {
  return spaceId ?? personalSpaceKey;
}
