import { Code } from '@mantine/core';

/** A Qlik expression shown as text, exactly as stored. */
export function ExpressionText({ expression, label }: { expression: string; label?: string }) {
  return (
    <Code block aria-label={label} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
      {expression || '(empty)'}
    </Code>
  );
}
