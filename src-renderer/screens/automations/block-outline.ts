/**
 * A readable outline of an automation definition: its blocks in execution order (following
 * Qlik Automate's `childId` chain from the start block), each with its name and plain inputs.
 * Qlik publishes no schema for definitions, so anything unexpected is skipped, never thrown.
 */

export interface OutlineInput {
  readonly id: string;
  readonly value: string;
}

export interface OutlineBlock {
  readonly id: string;
  readonly title: string;
  readonly type: string;
  readonly disabled: boolean;
  readonly inputs: readonly OutlineInput[];
  /** True for a block that no chain reaches (shown after the chain). */
  readonly detached: boolean;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function inputsOf(block: Json): OutlineInput[] {
  const inputs = Array.isArray(block['inputs']) ? block['inputs'] : [];
  return inputs.filter(isObject).flatMap((input) => {
    // A stripped secret is null; say so rather than show an empty value.
    if (input['value'] === null) return [{ id: text(input['id']), value: '(secret removed)' }];
    const shown = input['displayValue'] ?? input['value'];
    return shown === '' || shown === undefined ? [] : [{ id: text(input['id']), value: text(shown).slice(0, 300) }];
  });
}

function toOutline(block: Json, detached: boolean): OutlineBlock {
  return {
    id: text(block['id']),
    title: text(block['displayName'] ?? block['name'] ?? block['type']) || '(unnamed block)',
    type: text(block['type']),
    disabled: block['disabled'] === true,
    inputs: inputsOf(block),
    detached,
  };
}

export function outlineBlocks(definition: unknown): OutlineBlock[] {
  const blocks = isObject(definition) && Array.isArray(definition['blocks']) ? definition['blocks'].filter(isObject) : [];
  const byId = new Map(blocks.map((b) => [text(b['id']), b]));
  const childIds = new Set(blocks.map((b) => text(b['childId'])).filter(Boolean));
  const startBlocks = blocks.filter((b) => b['type'] === 'StartBlock');
  // Without a start block, every block that nothing points to begins a chain.
  const starts = startBlocks.length ? startBlocks : blocks.filter((b) => !childIds.has(text(b['id'])));
  const ordered: OutlineBlock[] = [];
  const seen = new Set<string>();
  for (const start of starts) {
    let current: Json | undefined = start;
    while (current && !seen.has(text(current['id']))) {
      seen.add(text(current['id']));
      ordered.push(toOutline(current, false));
      current = byId.get(text(current['childId']));
    }
  }
  for (const block of blocks) if (!seen.has(text(block['id']))) ordered.push(toOutline(block, true));
  return ordered;
}
