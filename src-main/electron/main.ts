/**
 * Electron main process: one locked-down window over the contract. The service runs here for
 * quick reads; crawls and their SQLite writes run on a worker thread (crawl-jobs/crawl-starters.ts)
 * so this event loop never blocks window IPC.
 */
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, Menu, Notification, session, shell, type MenuItemConstructorOptions } from 'electron';
import { EventBus } from '../api/event-bus';
import { startService } from '../api/service';
import type { CrawlJobView } from '../api/types/crawl';
import type { ChangeNotification } from '../snapshots/snapshot-views';
import { createQlikTenantGateway } from '../connections/qlik-tenant-gateway';
import { workerThreadCrawl } from '../crawl-jobs/crawl-starters';
import { createKeychain } from '../secrets/keychain';
import { dispatch } from '../api/dispatch';
import type { ScheduleList } from '../snapshots/snapshot-views';
import { createBackgroundTray } from './background-tray';
import { registerIpc } from './ipc';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererIndex = join(here, '..', 'renderer', 'index.html');
const devServerUrl = process.env['ELECTRON_RENDERER_URL'];

/** Pages our windows may show and that may call the contract. */
function isTrustedUrl(url: string): boolean {
  if (devServerUrl && !app.isPackaged && url.startsWith(devServerUrl)) return true;
  return url.startsWith(pathToFileURL(rendererIndex).href);
}

function openExternally(url: string): void {
  try {
    const { protocol } = new URL(url);
    if (protocol === 'https:' || protocol === 'http:') void shell.openExternal(url);
  } catch {
    // Not a URL: ignore, never open.
  }
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Qlik Metadata Explorer',
    webPreferences: {
      preload: join(here, '..', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  // No navigation away from the app, no new windows; http(s) links go to the user's browser.
  window.webContents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url)) {
      event.preventDefault();
      openExternally(url);
    }
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
  if (devServerUrl && !app.isPackaged) void window.loadURL(devServerUrl);
  else void window.loadFile(rendererIndex);
  return window;
}

/** A desktop notification when a crawl ends, so a long crawl can run in the background. */
function notifyCrawlFinished(job: CrawlJobView): void {
  if (!Notification.isSupported()) return;
  const counts = job.summary?.counts;
  const body =
    job.status === 'complete' && counts
      ? `${counts.appsCrawled} apps crawled, ${counts.appsCarriedOver} unchanged, ${counts.appsFailed} failed.`
      : (job.error?.message ?? `Crawl ${job.status}.`);
  new Notification({ title: `${job.connectionName}: crawl ${job.status}`, body }).show();
}

/** After a scheduled crawl: what changed since the previous snapshot; a click opens the diff. */
function notifyChanges(change: ChangeNotification): void {
  if (!Notification.isSupported() || change.isEmpty) return;
  const notification = new Notification({ title: change.title, body: change.body });
  notification.on('click', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (!window) return;
    window.show();
    void window.webContents.executeJavaScript(`location.hash = ${JSON.stringify('#' + change.link)}`);
  });
  notification.show();
}

function buildMenu(): void {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ label: 'Project website', click: () => openExternally('https://github.com/qlik-metadata-explorer') }],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

// Tests and portable setups point the app at another data folder.
if (process.env['QME_USER_DATA']) app.setPath('userData', process.env['QME_USER_DATA']);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  // No <webview>, no permission prompts (camera, notifications through the web API…).
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  void app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    const events = new EventBus();
    const tenants = createQlikTenantGateway();
    const handle = startService({
      userDataDir: app.getPath('userData'),
      host: 'electron',
      events,
      keychain: createKeychain(),
      tenants,
      crawl: workerThreadCrawl,
      crawlDemoOnFirstRun: true,
      onCrawlFinished: notifyCrawlFinished,
    });
    const service = handle.service;
    app.on('will-quit', () => {
      void handle.close();
      void tenants.close();
    });
    registerIpc(service, events, isTrustedUrl);
    events.onAny((event, payload) => {
      if (event === 'snapshots/changes') notifyChanges(payload as ChangeNotification);
    });
    buildMenu();
    createWindow();
    const openWindow = (): void => {
      const [window] = BrowserWindow.getAllWindows();
      if (window) window.show();
      else createWindow();
    };
    const tray = createBackgroundTray(app.isPackaged ? process.resourcesPath : join(here, '..', '..', 'build'), openWindow);
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
    app.on('window-all-closed', () => {
      void dispatch(service, 'snapshots/schedules', {}).then((result) => {
        const hasEnabled = result.ok && (result.value as ScheduleList).schedules.some((s) => s.isEnabled);
        if (tray.keepRunning(hasEnabled)) return;
        if (process.platform !== 'darwin') app.quit();
      });
    });
  });
}
