// The Electron main process: one locked-down window on the app:// protocol, and one IPC handler per API method that
// checks the sender frame and validates the call before it reaches CanopyService.
import { app, BrowserWindow, ipcMain, Notification, protocol, session } from 'electron';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { apiSchemas } from '../../preload/api-contract';
import type { Progress } from '../../helper/protocol';
import { createAppApi } from '../app/app-api';
import { dataDir, packageRoot, rendererDir } from '../paths';
import { UpdateNotifier } from '../app/update-notifier';
import { CONTENT_SECURITY_POLICY } from '../serve/content-security-policy';
import { CanopyService } from '../services/canopy-service';
import { EngineError } from '../services/engine-error';
import { APP_ORIGIN, lockDownSession, lockDownWindow } from './window-policy';

const RENDERER_FILES: Record<string, string> = { '/': 'index.html', '/index.html': 'index.html', '/app.js': 'app.js', '/styles.css': 'styles.css' };
const TYPES: Record<string, string> = { html: 'text/html', js: 'text/javascript', css: 'text/css' };
const UPDATE_CHECK_MS = 6 * 60 * 60 * 1000;

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

const sysroot = process.argv.find((arg) => arg.startsWith('--canopy-sysroot='))?.slice('--canopy-sysroot='.length) ?? '/';
const service = new CanopyService();
const api = createAppApi(service, sysroot);

function serveRenderer(): void {
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    const file = url.host === 'canopy' ? RENDERER_FILES[url.pathname] : undefined;
    if (!file) return new Response('not found', { status: 404 });
    const body = await readFile(join(rendererDir(), file));
    return new Response(body, {
      headers: { 'content-type': TYPES[file.split('.').pop() ?? ''] ?? 'text/plain', 'content-security-policy': CONTENT_SECURITY_POLICY },
    });
  });
}

function registerApi(window: BrowserWindow): void {
  for (const method of Object.keys(apiSchemas)) {
    ipcMain.handle(`canopy:${method}`, async (event, params: unknown, withProgress: unknown) => {
      // Only the app's own top frame may call; anything else (an iframe, a navigated page) is refused.
      const frame = event.senderFrame;
      if (event.sender !== window.webContents || !frame || frame.parent !== null || !frame.url.startsWith(`${APP_ORIGIN}/`)) {
        throw new Error('permission-denied: call from an unexpected frame');
      }
      try {
        const onProgress = withProgress === true ? (progress: Progress) => event.sender.send('canopy:progress', progress) : undefined;
        return await api(method, params, onProgress);
      } catch (error) {
        // Electron keeps only the message of a rejected invoke; carry the code in it.
        const code = error instanceof EngineError ? error.code : 'internal';
        throw new Error(`${code}: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  }
}

function watchForUpdates(): void {
  const notifier = new UpdateNotifier(
    () => service.checkUpdate(sysroot),
    (update) => {
      if (!Notification.isSupported()) return;
      new Notification({ title: 'System update available', body: `${update.version ?? update.checksum.slice(0, 10)} is ready to install.` }).show();
    },
    join(dataDir(), 'announced-update'),
  );
  void notifier.run();
  setInterval(() => void notifier.run(), UPDATE_CHECK_MS);
}

async function start(): Promise<void> {
  await app.whenReady();
  lockDownSession(session.defaultSession);
  serveRenderer();
  const window = new BrowserWindow({
    width: 1100,
    height: 760,
    title: 'Canopy',
    show: false,
    webPreferences: {
      preload: join(packageRoot, 'dist/electron/preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  lockDownWindow(window);
  registerApi(window);
  window.once('ready-to-show', () => {
    window.show();
  });
  await window.loadURL(`${APP_ORIGIN}/index.html`);
  watchForUpdates();
}

app.on('window-all-closed', () => {
  void service.close().then(() => {
    app.quit();
  });
});
void start();
