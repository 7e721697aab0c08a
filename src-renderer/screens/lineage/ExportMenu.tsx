/**
 * Export of what is on screen: PNG and SVG drawn from the live graph (Cytoscape's PNG, our SVG
 * writer with the shared style table), JSON / GraphML / OpenLineage from main (lineage/export).
 */
import { Button, Group, Menu, Modal, Select, Stack, Switch } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { useState, type RefObject } from 'react';
import type { CallArgs } from '../../../src-main/api/contract';
import { writeSvg } from '../../../src-main/lineage-view/svg-writer';
import type { ColorScheme } from '../../../src-main/lineage-view/lineage-style';
import { call } from '../../api/client';
import { downloadBlob, downloadExport, fileStem } from './download';
import type { LineageCanvasHandle } from './LineageCanvas';

interface Props {
  readonly canvas: RefObject<LineageCanvasHandle | null>;
  /** The lineage/export arguments for the current view, without the format. */
  readonly exportArgs: Omit<CallArgs<'lineage/export'>, 'format'>;
  readonly title: string;
  readonly scheme: ColorScheme;
}

export function ExportMenu({ canvas, exportArgs, title, scheme }: Props) {
  const [pngOpen, setPngOpen] = useState(false);
  const [scale, setScale] = useState<string | null>('2');
  const [isTransparent, setTransparent] = useState(false);
  const [isBusy, setBusy] = useState(false);
  const stem = `lineage-${fileStem(title)}`;

  async function run(task: () => Promise<void>): Promise<void> {
    setBusy(true);
    try {
      await task();
    } catch (error) {
      const message = error instanceof Error ? error.message : String((error as { message?: string }).message ?? error);
      notifications.show({ color: 'red', title: 'Export failed', message });
    } finally {
      setBusy(false);
    }
  }

  const exportPng = () =>
    run(async () => {
      const blob = await canvas.current?.png(Number(scale ?? '2'), isTransparent);
      if (blob) downloadBlob(blob, `${stem}.png`);
      setPngOpen(false);
    });
  const exportSvg = () =>
    run(async () => {
      const picture = canvas.current?.picture();
      if (!picture) return;
      const svg = writeSvg(picture, { scheme, isTransparent: false, title: `Lineage of ${title}` });
      downloadBlob(new Blob([svg.svg], { type: 'image/svg+xml' }), `${stem}.svg`);
    });
  const exportFromMain = (format: 'json' | 'graphml' | 'openlineage') =>
    run(async () => downloadExport(await call('lineage/export', { ...exportArgs, format })));

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button size="xs" variant="default" leftSection={<IconDownload size={14} aria-hidden />} loading={isBusy} aria-label="Export">
            Export
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => setPngOpen(true)}>PNG image…</Menu.Item>
          <Menu.Item onClick={() => void exportSvg()}>SVG image</Menu.Item>
          <Menu.Divider />
          <Menu.Item onClick={() => void exportFromMain('json')}>JSON (nodes and edges)</Menu.Item>
          <Menu.Item onClick={() => void exportFromMain('graphml')}>GraphML</Menu.Item>
          <Menu.Item onClick={() => void exportFromMain('openlineage')}>OpenLineage events (JSON lines)</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={pngOpen} onClose={() => setPngOpen(false)} title="Export PNG" size="sm">
        <Stack>
          <Select
            label="Scale"
            data={[
              { value: '1', label: '1× (screen)' },
              { value: '2', label: '2× (slides)' },
              { value: '3', label: '3×' },
              { value: '4', label: '4× (print)' },
            ]}
            value={scale}
            onChange={setScale}
            allowDeselect={false}
          />
          <Switch label="Transparent background" checked={isTransparent} onChange={(e) => setTransparent(e.currentTarget.checked)} />
          <Group justify="flex-end">
            <Button onClick={() => void exportPng()} loading={isBusy}>
              Save PNG
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
