// The packaged shape of the app in real Electron, driven by Playwright's _electron: the window's hardening and the
// preload's one API.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { electronBinary } from '../../main/cli/electron-launcher';
import { loadFixture } from '../fixtures/fixture';

const fixture = loadFixture();
let app: ElectronApplication;
let page: Page;

beforeAll(async () => {
  const executablePath = electronBinary();
  if (!executablePath) throw new Error('the Electron binary is not installed; run this suite only where it is');
  app = await electron.launch({ executablePath, args: [join(import.meta.dirname, '../..'), `--canopy-sysroot=${fixture.sysroot}`, '--no-sandbox'] });
  page = await app.firstWindow();
  await page.getByRole('main', { name: 'Overview' }).waitFor();
});

afterAll(async () => {
  await app.close();
});

describe('the Electron window', () => {
  it('is isolated and sandboxed, with no Node in the renderer', async () => {
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]?.webContents;
      const webPreferences = (contents as unknown as { getLastWebPreferences: () => Record<string, unknown> }).getLastWebPreferences();
      return { contextIsolation: webPreferences.contextIsolation, sandbox: webPreferences.sandbox, nodeIntegration: webPreferences.nodeIntegration, url: contents?.getURL() };
    });
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(prefs.url).toMatch(/^app:\/\/canopy\//);
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
  });

  it('exposes only the named API functions, not ipcRenderer', async () => {
    const keys = await page.evaluate(() => Object.keys((globalThis as unknown as { canopy: object }).canopy).sort());
    expect(keys).toContain('status');
    expect(keys).not.toContain('ipcRenderer');
    const status = await page.evaluate(() => (globalThis as unknown as { canopy: { status: (p: object) => Promise<{ deployments: unknown[] }> } }).canopy.status({}));
    expect(status.deployments).toHaveLength(2);
  });

  it('blocks navigation, window.open and permissions, under a strict CSP', async () => {
    await page.evaluate(() => {
      globalThis.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(300);
    expect(page.url()).toMatch(/^app:\/\/canopy\//);
    expect(await page.evaluate(() => globalThis.open('https://example.com/'))).toBeNull();
    expect(app.windows()).toHaveLength(1);
    const permission = await page.evaluate(() => navigator.permissions.query({ name: 'geolocation' }).then((p) => p.state));
    expect(permission).not.toBe('granted');
    const inline = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'globalThis.__inline = true';
      document.head.append(script);
      return (globalThis as { __inline?: boolean }).__inline === true;
    });
    expect(inline).toBe(false);
  });
});
