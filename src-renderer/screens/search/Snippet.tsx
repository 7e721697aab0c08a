import { Text } from '@mantine/core';
import { snippetParts } from './snippet';

/** A search snippet as text, the query's words marked; never parsed as HTML. */
export function Snippet({ snippet, query }: { snippet: string; query: string }) {
  return (
    <Text size="sm" c="dimmed" component="div" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
      {snippetParts(snippet, query).map((part, i) =>
        part.isMatch ? (
          <mark
            key={i}
            style={{
              background: 'var(--mantine-color-yellow-light)',
              color: 'var(--mantine-color-text)',
              borderRadius: 2,
              padding: '0 1px',
            }}
          >
            {part.text}
          </mark>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </Text>
  );
}
