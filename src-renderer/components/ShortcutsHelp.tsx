/** The keyboard shortcuts, listed in a dialog that `?` opens from anywhere outside a text field. */
import { ActionIcon, Group, Kbd, Modal, Table, Text, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconKeyboard } from '@tabler/icons-react';
import { useEffect } from 'react';

const shortcuts: readonly { keys: string[][]; what: string }[] = [
  {
    keys: [
      ['Ctrl', 'K'],
      ['⌘', 'K'],
    ],
    what: 'Search everything (Spotlight)',
  },
  { keys: [['↑'], ['↓']], what: 'Move through Spotlight results' },
  { keys: [['Enter']], what: 'Open the selected result' },
  { keys: [['Ctrl', 'F']], what: 'Find in the load script (while the script is shown)' },
  { keys: [['Enter'], ['Shift', 'Enter']], what: 'Next / previous match in the script' },
  { keys: [['Esc']], what: 'Close a dialog, clear the script find' },
  { keys: [['?']], what: 'Show this list' },
];

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function ShortcutsHelp() {
  const [opened, { open, close }] = useDisclosure(false);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === '?' && !event.ctrlKey && !event.metaKey && !event.altKey && !isTyping(event.target)) {
        event.preventDefault();
        open();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  return (
    <>
      <Tooltip label="Keyboard shortcuts (?)">
        <ActionIcon variant="default" size="lg" aria-label="Keyboard shortcuts" onClick={open}>
          <IconKeyboard size={18} stroke={1.5} />
        </ActionIcon>
      </Tooltip>
      <Modal opened={opened} onClose={close} title="Keyboard shortcuts" centered>
        <Table aria-label="Keyboard shortcuts" verticalSpacing={6}>
          <Table.Tbody>
            {shortcuts.map((s) => (
              <Table.Tr key={s.what}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    {s.keys.map((combo, i) => (
                      <Group key={i} gap={2} wrap="nowrap">
                        {i > 0 && (
                          <Text size="xs" c="dimmed" mx={2}>
                            or
                          </Text>
                        )}
                        {combo.map((k) => (
                          <Kbd key={k} size="xs">
                            {k}
                          </Kbd>
                        ))}
                      </Group>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{s.what}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Modal>
    </>
  );
}
