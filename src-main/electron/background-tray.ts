/**
 * Scheduled crawls run while the app runs. When the last window closes and a schedule is enabled,
 * the app stays in the system tray (where the platform has one) instead of quitting, so the
 * schedule keeps its promise; the tray menu reopens the window or quits for real.
 */
import { join } from 'node:path';
import { app, Menu, nativeImage, Tray } from 'electron';

export interface BackgroundTray {
  /** Called on window-all-closed: true when the app should keep running in the tray. */
  keepRunning(hasEnabledSchedules: boolean): boolean;
  destroy(): void;
}

export function createBackgroundTray(iconDir: string, openWindow: () => void): BackgroundTray {
  let tray: Tray | null = null;
  let isQuitting = false;
  app.on('before-quit', () => {
    isQuitting = true;
  });

  function show(): void {
    if (tray) return;
    const icon = nativeImage.createFromPath(join(iconDir, 'icon.png')).resize({ width: 18, height: 18 });
    tray = new Tray(icon);
    tray.setToolTip('Qlik Metadata Explorer: scheduled crawls keep running');
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: 'Open Qlik Metadata Explorer', click: openWindow },
        { type: 'separator' },
        { label: 'Quit (scheduled crawls stop)', click: () => app.quit() },
      ]),
    );
    tray.on('click', openWindow);
  }

  return {
    keepRunning(hasEnabledSchedules) {
      if (isQuitting || !hasEnabledSchedules) return false;
      try {
        show();
        return true;
      } catch {
        // No tray on this desktop: quitting beats an invisible process nobody can stop.
        return false;
      }
    },
    destroy() {
      tray?.destroy();
      tray = null;
    },
  };
}
