/** Splits a load script into its editor tabs. */
import type { ScriptSection } from './catalog-types';

/** The script editor stores each tab as a `///$tab Name` line before the tab's text. */
const TAB_MARKER = /^\/\/\/\$tab (.*)$/;

export function scriptSections(text: string): ScriptSection[] {
  const lines = text.split(/\r?\n/);
  const sections: ScriptSection[] = [];
  lines.forEach((line, index) => {
    const match = TAB_MARKER.exec(line);
    if (!match) return;
    const previous = sections.pop();
    if (previous) sections.push({ ...previous, lineEnd: Math.max(previous.lineStart, index) });
    sections.push({ title: (match[1] ?? '').trim(), lineStart: index + 1, lineEnd: lines.length });
  });
  if (sections.length === 0 && text.length > 0) sections.push({ title: 'Main', lineStart: 1, lineEnd: lines.length });
  return sections;
}
