/**
 * The load script as text: sections as tabs, line numbers, hand-written Qlik highlighting (text
 * nodes only), find with next/previous (Ctrl+F while the viewer is shown) and copy. Opens at
 * ?line=12&end=18 with those lines highlighted: lineage evidence links here.
 */
import { ActionIcon, Box, Button, CopyButton, Group, Stack, Tabs, Text, TextInput, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconCheck, IconCopy, IconFileOff, IconSearch } from '@tabler/icons-react';
import { Fragment, memo, useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { AppScript, ScriptSection } from '../../../src-main/catalog/catalog-types';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueryView } from '../../components/QueryView';
import {
  findInLines,
  segmentLine,
  tokenizeScript,
  tokensByLine,
  type ScriptToken,
  type ScriptTokenKind,
  type TextMark,
} from './script-tokens';
import { useCatalogCall } from './use-catalog-call';

const tokenStyles: Record<ScriptTokenKind, CSSProperties> = {
  keyword: { color: 'var(--mantine-color-blue-text)', fontWeight: 600 },
  function: { color: 'var(--mantine-color-violet-text)' },
  string: { color: 'var(--mantine-color-green-text)' },
  comment: { color: 'var(--mantine-color-dimmed)', fontStyle: 'italic' },
  variable: { color: 'var(--mantine-color-orange-text)' },
  field: { color: 'var(--mantine-color-teal-text)' },
  number: { color: 'var(--mantine-color-grape-text)' },
  punctuation: {},
  text: {},
};

const markStyles: Record<TextMark['kind'], CSSProperties> = {
  match: { background: 'var(--mantine-color-yellow-light)', color: 'inherit', borderRadius: 2 },
  current: { background: 'var(--mantine-color-orange-filled)', color: 'var(--mantine-color-white)', borderRadius: 2 },
};

export function ScriptViewer({ appId }: { appId: string }) {
  const script = useCatalogCall('catalog/script', { appId });
  return (
    <QueryView query={script} skeletonRows={10}>
      {(data) => <ScriptBody script={data} />}
    </QueryView>
  );
}

interface LineRange {
  readonly start: number;
  readonly end: number;
}

function parseRange(params: URLSearchParams, lineCount: number): LineRange | null {
  const start = Number(params.get('line'));
  if (!Number.isInteger(start) || start < 1 || start > lineCount) return null;
  const end = Number(params.get('end') ?? start);
  return { start, end: Number.isInteger(end) && end >= start ? Math.min(end, lineCount) : start };
}

function sectionOf(sections: readonly ScriptSection[], line: number): number | null {
  const index = sections.findIndex((s) => line >= s.lineStart && line <= s.lineEnd);
  return index === -1 ? null : index;
}

function ScriptBody({ script }: { script: AppScript }) {
  const [params, setParams] = useSearchParams();
  const text = script.text ?? '';
  const lines = useMemo(() => text.replace(/\r\n?/g, '\n').split('\n'), [text]);
  const tokenLines = useMemo(() => tokensByLine(tokenizeScript(lines.join('\n'))), [lines]);
  const range = parseRange(params, lines.length);
  const sections = script.sections;
  const [sectionIndex, setSectionIndex] = useState<number | null>(() =>
    range ? sectionOf(sections, range.start) : sections.length > 0 ? 0 : null,
  );
  const [needle, setNeedle] = useState('');
  const [current, setCurrent] = useState(0);
  const findRef = useRef<HTMLInputElement>(null);
  const viewRef = useRef<HTMLDivElement>(null);

  const matches = useMemo(() => findInLines(lines, needle), [lines, needle]);
  const currentMatch = matches.length > 0 ? matches[Math.min(current, matches.length - 1)] : undefined;
  const section = sectionIndex === null ? undefined : sections[sectionIndex];
  const visible: LineRange = section
    ? { start: section.lineStart, end: Math.min(section.lineEnd, lines.length) }
    : { start: 1, end: lines.length };

  // Ctrl/Cmd+F finds in the script while the viewer is shown, instead of the browser's page find.
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        findRef.current?.focus();
        findRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // Open at the asked lines: show their section (adjusted while rendering, React's pattern for
  // state that follows a prop) and scroll them into view once drawn.
  const rangeKey = range ? `${range.start}-${range.end}` : '';
  const [shownRangeKey, setShownRangeKey] = useState('');
  if (rangeKey !== shownRangeKey) {
    setShownRangeKey(rangeKey);
    if (range && !(section && range.start >= section.lineStart && range.start <= section.lineEnd))
      setSectionIndex(sectionOf(sections, range.start));
  }
  useEffect(() => {
    if (!rangeKey) return;
    const start = rangeKey.split('-')[0];
    requestAnimationFrame(() => viewRef.current?.querySelector(`#script-line-${start}`)?.scrollIntoView({ block: 'center' }));
  }, [rangeKey]);

  /** Shows the section holding `line` (if another one is shown) and scrolls the line into view. */
  const revealLine = (line: number): void => {
    if (section && (line < section.lineStart || line > section.lineEnd)) setSectionIndex(sectionOf(sections, line));
    requestAnimationFrame(() => viewRef.current?.querySelector(`#script-line-${line}`)?.scrollIntoView({ block: 'center' }));
  };

  const goToMatch = (index: number): void => {
    if (matches.length === 0) return;
    const next = (index + matches.length) % matches.length;
    setCurrent(next);
    const match = matches[next];
    if (match) revealLine(match.line);
  };

  if (script.text === null) {
    return script.error ? (
      <ErrorAlert error={script.error} title="The load script could not be read" />
    ) : (
      <EmptyState icon={IconFileOff} title="No load script" />
    );
  }

  const visibleText = lines.slice(visible.start - 1, visible.end).join('\n');
  const marksOf = (line: number): TextMark[] =>
    matches.filter((m) => m.line === line).map((m) => ({ start: m.start, end: m.end, kind: m === currentMatch ? 'current' : 'match' }));

  return (
    <Stack gap="xs">
      <Group justify="space-between" wrap="wrap" align="flex-end" gap="xs">
        {sections.length > 0 ? (
          <Tabs
            value={sectionIndex === null ? 'all' : String(sectionIndex)}
            onChange={(v) => setSectionIndex(v === 'all' || v === null ? null : Number(v))}
            variant="pills"
          >
            <Tabs.List aria-label="Script sections">
              {sections.map((s, i) => (
                <Tabs.Tab key={`${s.title}-${s.lineStart}`} value={String(i)}>
                  {s.title}
                </Tabs.Tab>
              ))}
              <Tabs.Tab value="all">Whole script</Tabs.Tab>
            </Tabs.List>
          </Tabs>
        ) : (
          <Text size="sm" c="dimmed">
            {lines.length} lines
          </Text>
        )}
        <Group gap={4} wrap="nowrap">
          <TextInput
            ref={findRef}
            aria-label="Find in script"
            placeholder="Find (Ctrl+F)"
            size="xs"
            leftSection={<IconSearch size={14} aria-hidden />}
            value={needle}
            onChange={(e) => {
              setNeedle(e.currentTarget.value);
              setCurrent(0);
              const first = findInLines(lines, e.currentTarget.value)[0];
              if (first) revealLine(first.line);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                goToMatch(current + (e.shiftKey ? -1 : 1));
              }
              if (e.key === 'Escape') setNeedle('');
            }}
            rightSection={
              needle ? (
                <Text size="10px" c="dimmed" pr={6} aria-live="polite">
                  {matches.length === 0 ? '0/0' : `${Math.min(current, matches.length - 1) + 1}/${matches.length}`}
                </Text>
              ) : undefined
            }
            rightSectionWidth={needle ? 52 : undefined}
            w={240}
          />
          <Tooltip label="Previous match (Shift+Enter)">
            <ActionIcon
              variant="default"
              aria-label="Previous match"
              onClick={() => goToMatch(current - 1)}
              disabled={matches.length === 0}
            >
              <IconArrowUp size={14} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Next match (Enter)">
            <ActionIcon variant="default" aria-label="Next match" onClick={() => goToMatch(current + 1)} disabled={matches.length === 0}>
              <IconArrowDown size={14} />
            </ActionIcon>
          </Tooltip>
          <CopyButton value={visibleText}>
            {({ copied, copy }) => (
              <Button size="xs" variant="default" onClick={copy} leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}>
                {copied ? 'Copied' : section ? 'Copy section' : 'Copy script'}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Group>
      <Box
        ref={viewRef}
        role="region"
        aria-label="Load script"
        tabIndex={0}
        style={{
          fontFamily: 'var(--mantine-font-family-monospace)',
          fontSize: 13,
          lineHeight: '20px',
          border: '1px solid var(--mantine-color-default-border)',
          borderRadius: 4,
          maxHeight: '68vh',
          overflow: 'auto',
          background: 'var(--mantine-color-default-hover)',
        }}
      >
        <Box py={6} style={{ minWidth: 'max-content' }}>
          {tokenLines.slice(visible.start - 1, visible.end).map((tokens, offset) => {
            const line = visible.start + offset;
            const isHighlighted = range !== null && line >= range.start && line <= range.end;
            return (
              <ScriptLine
                key={line}
                line={line}
                tokens={tokens}
                marks={needle ? marksOf(line) : noMarks}
                isHighlighted={isHighlighted}
                onPickLine={() => setParams({ line: String(line) }, { replace: true })}
              />
            );
          })}
        </Box>
      </Box>
    </Stack>
  );
}

const noMarks: TextMark[] = [];

const ScriptLine = memo(function ScriptLine({
  line,
  tokens,
  marks,
  isHighlighted,
  onPickLine,
}: {
  line: number;
  tokens: readonly ScriptToken[];
  marks: readonly TextMark[];
  isHighlighted: boolean;
  onPickLine: () => void;
}) {
  const segments = segmentLine(tokens, marks);
  return (
    <div
      id={`script-line-${line}`}
      data-line={line}
      data-highlighted={isHighlighted || undefined}
      style={{
        display: 'flex',
        background: isHighlighted ? 'var(--mantine-color-yellow-light)' : undefined,
        boxShadow: isHighlighted ? 'inset 3px 0 0 var(--mantine-color-yellow-filled)' : undefined,
      }}
    >
      <span
        onClick={onPickLine}
        title={`Link to line ${line}`}
        style={{
          width: '5ch',
          flexShrink: 0,
          textAlign: 'right',
          paddingRight: 12,
          color: 'var(--mantine-color-dimmed)',
          userSelect: 'none',
          cursor: 'pointer',
        }}
      >
        {line}
      </span>
      <span style={{ whiteSpace: 'pre', paddingRight: 16 }}>
        {segments.map((segment, i) => (
          <Fragment key={i}>
            {segment.mark ? (
              <mark
                style={{ ...tokenStyles[segment.kind], ...markStyles[segment.mark] }}
                data-current={segment.mark === 'current' || undefined}
              >
                {segment.text}
              </mark>
            ) : (
              <span style={tokenStyles[segment.kind]}>{segment.text}</span>
            )}
          </Fragment>
        ))}
        {segments.length === 0 && ' '}
      </span>
    </div>
  );
});
