// npm run bench, the renderer: Debian's Chromium against browser mode, over a system whose update upgrades 3000
// packages. Each figure is printed with a baseline measured the same way in the same browser, and their ratio:
//  - first meaningful paint of the overview: from navigation start until the booted version is on screen (target
//    under 1 s), against the first paint of a static page from a local server;
//  - a filter keystroke in the 3000-package diff: from the key event until React has committed the input, and until
//    the frame after it (target under 16 ms), against the same keystroke in a bare <input>.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { PackageTuple } from '../helper/protocol';
import { ServerRepo, SysrootBuilder, removeTree } from '../main/demo/tree-builder';
import { launchChromium } from '../test/support/browser';
import { serve } from '../test/support/serve';

const PACKAGES = 3000;
const REF = 'bench/41/x86_64/workstation';
const BOOTED = '41.20260101.0';
const UPDATE = '41.20260102.0';
const PAINT_ROUNDS = 7;
const KEYSTROKES = 'p012'.split('');
const TYPING_ROUNDS = 5;

/** Short names: the whole list goes to `ostree commit` as one argument, which Linux caps at 128 KiB. */
function packages(generation: number): PackageTuple[] {
  return Array.from({ length: PACKAGES }, (_, i): PackageTuple => [`p${String(i).padStart(4, '0')}`, '0', `1.${String(generation)}`, '1', 'x86_64']);
}

/** A system booted on BOOTED whose branch tip UPDATE upgrades every one of its packages. */
function buildSystem(root: string): string {
  const server = new ServerRepo(join(root, 'remote'));
  [BOOTED, UPDATE].forEach((version, generation) => {
    server.commit({ ref: REF, version, timestamp: 1_767_225_600 + generation * 86_400, pkglist: packages(generation) });
  });
  server.updateSummary();
  const sysroot = new SysrootBuilder(join(root, 'sysroot'), 'bench');
  sysroot.addRemote('bench', server.url, null);
  sysroot.deploy(`bench:${REF}`, server.revParse(`${REF}^`));
  return sysroot.path;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/** Milliseconds from navigation start until `text` is shown in `selector`, checked on every DOM change. */
async function paintTime(browser: Browser, url: string, shown: { selector: string; text: string }): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(({ selector, text }) => {
    const observer = new MutationObserver(() => {
      if (document.querySelector(selector)?.textContent.includes(text) !== true) return;
      observer.disconnect();
      // The next frame is when the change is on screen.
      requestAnimationFrame(() => {
        (window as unknown as { shownAt: number }).shownAt = performance.now();
      });
    });
    observer.observe(document, { childList: true, subtree: true, characterData: true });
  }, shown);
  await page.goto(url);
  const at = await (await page.waitForFunction(() => (window as unknown as { shownAt?: number }).shownAt, undefined, { timeout: 30_000 })).jsonValue();
  await context.close();
  return Number(at);
}

interface Keystroke {
  committed: number;
  frame: number;
}

/** Types into the focused element, timing each key from its event until the input is handled and the next frame. */
async function typeTimed(page: Page): Promise<Keystroke[]> {
  const times: Keystroke[] = [];
  for (const key of [...KEYSTROKES, ...KEYSTROKES.map(() => 'Backspace')]) {
    // Installed and awaited first: a key press sent while the listener is still on its way would go unseen.
    await page.evaluate(() => {
      const state = window as unknown as { keystroke: Promise<Keystroke> };
      state.keystroke = new Promise<Keystroke>((resolve) => {
        addEventListener(
          'keydown',
          (keydown) => {
            let committed = 0;
            // On window in the bubbling phase: after React's listener on its root has run and committed.
            addEventListener('input', () => (committed = performance.now() - keydown.timeStamp), { once: true });
            requestAnimationFrame(() => {
              const channel = new MessageChannel();
              channel.port1.onmessage = () => {
                resolve({ committed, frame: performance.now() - keydown.timeStamp });
              };
              channel.port2.postMessage(null);
            });
          },
          { once: true, capture: true },
        );
      });
    });
    await page.keyboard.press(key);
    times.push(await page.evaluate(() => (window as unknown as { keystroke: Promise<Keystroke> }).keystroke));
  }
  return times;
}

function line(label: string, value: number, baseline: number, target: string): string {
  return `  ${label}: ${value.toFixed(1)} ms, baseline ${baseline.toFixed(1)} ms, ratio ${(value / baseline).toFixed(2)} (target ${target})`;
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'canopy-bench-renderer-'));
  process.env.CANOPY_CACHE_DIR = join(root, 'cache');
  const sysroot = buildSystem(root);
  const served = await serve(sysroot);
  const staticPage = createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><title>Baseline</title><main><p>${BOOTED}</p></main>`);
  });
  await new Promise<void>((resolve) => staticPage.listen(0, '127.0.0.1', resolve));
  const staticUrl = `http://127.0.0.1:${String((staticPage.address() as AddressInfo).port)}/`;
  const browser = await launchChromium();
  try {
    const overview = { selector: 'main[aria-label="Overview"]', text: BOOTED };
    const baseline = { selector: 'main', text: BOOTED };
    const paints: number[] = [];
    const staticPaints: number[] = [];
    for (let round = 0; round < PAINT_ROUNDS; round++) {
      paints.push(await paintTime(browser, served.url, overview));
      staticPaints.push(await paintTime(browser, staticUrl, baseline));
    }

    const page = await browser.newPage();
    await page.goto(served.url);
    await page.getByRole('button', { name: 'Preview update' }).click();
    const changes = page.getByRole('main', { name: 'Changes' });
    await changes.getByRole('button', { name: `Upgraded ${String(PACKAGES)}` }).waitFor({ timeout: 60_000 });
    await changes.getByRole('searchbox', { name: 'Filter packages' }).focus();
    const keystrokes: Keystroke[] = [];
    for (let round = 0; round < TYPING_ROUNDS; round++) keystrokes.push(...(await typeTimed(page)));

    const bare = await browser.newPage();
    await bare.setContent('<input aria-label="Bare">');
    await bare.getByRole('textbox', { name: 'Bare' }).focus();
    const bareKeystrokes: Keystroke[] = [];
    for (let round = 0; round < TYPING_ROUNDS; round++) bareKeystrokes.push(...(await typeTimed(bare)));

    const medianOf = (list: Keystroke[], field: keyof Keystroke): number => median(list.map((k) => k[field]));
    process.stdout.write(
      [
        `overview and a ${String(PACKAGES)}-package diff in Chromium, browser mode; medians of ${String(PAINT_ROUNDS)} loads and ${String(keystrokes.length)} keystrokes`,
        line('first meaningful paint of the overview', median(paints), median(staticPaints), '< 1000 ms'),
        line('filter keystroke, until the input is committed', medianOf(keystrokes, 'committed'), medianOf(bareKeystrokes, 'committed'), '< 16 ms'),
        line('filter keystroke, until the next frame', medianOf(keystrokes, 'frame'), medianOf(bareKeystrokes, 'frame'), 'one frame'),
        '',
      ].join('\n'),
    );
  } finally {
    await browser.close();
    await served.stop();
    staticPage.close();
    removeTree(root);
  }
}

await main();
