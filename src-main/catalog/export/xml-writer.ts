/**
 * A small, strict XML 1.0 writer for the export: the JSON document mapped element for element.
 * Objects become elements with one child per key, arrays become a container with one singular-
 * named child per item, null becomes an empty element with nil="true". Values that are free-form
 * JSON (an automation's definition) are carried as JSON text so arbitrary keys stay valid XML.
 */

/** Characters XML 1.0 forbids anywhere, lone surrogates included (§2.2 Char). */
const INVALID_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function stripInvalidXmlChars(text: string): string {
  return text.replace(INVALID_XML_CHARS, '');
}

/** Escapes text content and attribute values alike; CR is kept as a reference so parsers do not fold it. */
export function escapeXml(text: string): string {
  return stripInvalidXmlChars(text).replace(/[&<>"'\r]/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      case "'":
        return '&apos;';
      default:
        return '&#13;';
    }
  });
}

const SINGULAR: Readonly<Record<string, string>> = {
  spaces: 'space',
  collections: 'collection',
  appIds: 'appId',
  dataConnections: 'dataConnection',
  apps: 'app',
  sheets: 'sheet',
  objects: 'object',
  dimensions: 'dimension',
  measures: 'measure',
  fieldDefs: 'fieldDef',
  masterMeasures: 'masterMeasure',
  masterDimensions: 'masterDimension',
  masterVisualizations: 'masterVisualization',
  variables: 'variable',
  bookmarks: 'bookmark',
  selectionFields: 'field',
  tables: 'table',
  fields: 'field',
  tags: 'tag',
  customProperties: 'customProperty',
  brokenReferences: 'brokenReference',
  unreadableSheets: 'unreadableSheet',
  automations: 'automation',
  runs: 'run',
  strippedSecrets: 'path',
  errors: 'error',
  nodes: 'node',
  edges: 'edge',
};

/** Keys whose value is free-form JSON, written as JSON text. */
const JSON_TEXT_KEYS = new Set(['definition']);

export function singularOf(key: string): string {
  return SINGULAR[key] ?? 'item';
}

function writeValue(out: string[], name: string, value: unknown, indent: string): void {
  if (value === null || value === undefined) {
    out.push(`${indent}<${name} nil="true"/>`);
    return;
  }
  if (JSON_TEXT_KEYS.has(name)) {
    out.push(`${indent}<${name} format="json">${escapeXml(JSON.stringify(value))}</${name}>`);
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push(`${indent}<${name}/>`);
      return;
    }
    out.push(`${indent}<${name}>`);
    for (const item of value) writeValue(out, singularOf(name), item, `${indent}  `);
    out.push(`${indent}</${name}>`);
    return;
  }
  if (typeof value === 'object') {
    out.push(`${indent}<${name}>`);
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) writeValue(out, key, child, `${indent}  `);
    out.push(`${indent}</${name}>`);
    return;
  }
  out.push(`${indent}<${name}>${escapeXml(String(value))}</${name}>`);
}

/** The whole document as XML; the root element is named `rootName`. */
export function toXml(rootName: string, document: Readonly<Record<string, unknown>>): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  writeValue(out, rootName, document, '');
  return out.join('\n') + '\n';
}
