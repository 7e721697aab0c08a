/**
 * GraphML (http://graphml.graphdrawing.org/) of a lineage graph, with node kind/label/app and edge
 * kind/origin/evidence as declared keys, for yEd, Gephi and graph databases.
 */
import { escapeXml } from './svg-writer';
import type { ViewGraph } from './view-model';

const nodeKeys = [
  ['kind', 'string'],
  ['label', 'string'],
  ['appId', 'string'],
  ['app', 'string'],
] as const;
const edgeKeys = [
  ['kind', 'string'],
  ['origin', 'string'],
  ['note', 'string'],
  ['evidenceAppId', 'string'],
  ['evidenceLineStart', 'int'],
  ['evidenceLineEnd', 'int'],
] as const;

function xmlValue(text: string): string {
  // eslint-disable-next-line no-control-regex
  return escapeXml(text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ''));
}

export function writeGraphml(graph: ViewGraph): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...nodeKeys.map(([name, type]) => `  <key id="n_${name}" for="node" attr.name="${name}" attr.type="${type}"/>`),
    ...edgeKeys.map(([name, type]) => `  <key id="e_${name}" for="edge" attr.name="${name}" attr.type="${type}"/>`),
    `  <graph id="snapshot-${graph.snapshotId}" edgedefault="directed">`,
  ];
  const data = (key: string, value: string | number | null): string =>
    value === null || value === '' ? '' : `<data key="${key}">${xmlValue(String(value))}</data>`;
  for (const n of graph.nodes) {
    out.push(
      `    <node id="${xmlValue(n.id)}">${data('n_kind', n.kind)}${data('n_label', n.label)}${data('n_appId', n.appId)}${data('n_app', n.appLabel)}</node>`,
    );
  }
  graph.edges.forEach((e, i) => {
    const ev = e.evidence;
    out.push(
      `    <edge id="e${i}" source="${xmlValue(e.from)}" target="${xmlValue(e.to)}">${data('e_kind', e.kind)}${data('e_origin', e.origin)}${data('e_note', e.note)}${data('e_evidenceAppId', ev?.appId ?? null)}${data('e_evidenceLineStart', ev?.lineStart ?? null)}${data('e_evidenceLineEnd', ev?.lineEnd ?? null)}</edge>`,
    );
  });
  out.push('  </graph>', '</graphml>');
  return out.join('\n') + '\n';
}
