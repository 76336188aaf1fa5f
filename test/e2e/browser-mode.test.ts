// End to end in Debian's Chromium against browser mode: browse branches, open a diff and check its counts against
// the engine, switch with progress, roll back, and watch the timeline follow. Screenshots go to test-results/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { CommitDiff } from '../../main/services/commit-diff';
import { canopyJson } from '../support/cli';
import { collectPageErrors, launchChromium, screenshot } from '../support/browser';
import { scratchSystem, type ScratchSystem } from '../support/scratch-system';
import { serve, type Served } from '../support/serve';

let system: ScratchSystem;
let served: Served;
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  system = scratchSystem();
  served = await serve(system.sysroot);
  browser = await launchChromium();
  page = await browser.newPage({ colorScheme: 'light' });
  errors = collectPageErrors(page);
  await page.goto(served.url);
  await page.getByRole('main', { name: 'Overview' }).waitFor();
}, 120_000);

afterAll(async () => {
  await browser.close();
  await served.stop();
  system.remove();
});

const view = async (name: string) => {
  await page.getByRole('button', { name, exact: true }).first().click();
  const landmark = page.getByRole('main', { name });
  await landmark.waitFor();
  return landmark;
};

describe('browser mode', () => {
  it('shows the overview with the available update', async () => {
    const overview = page.getByRole('main', { name: 'Overview' });
    await overview.getByText('1.2').first().waitFor();
    await expect(overview.getByText('1.1').first().isVisible()).resolves.toBe(true);
    await screenshot(page, 'overview');
    expect(errors).toEqual([]);
  });

  it('browses branches as a tree and flags the end-of-life one', async () => {
    const branches = await view('Branches');
    const tree = branches.getByRole('tree');
    await tree.getByRole('treeitem', { name: /workstation/ }).first().waitFor();
    await tree.getByRole('treeitem', { name: '0', exact: true }).click();
    await tree.getByRole('treeitem', { name: 'x86_64', exact: true }).first().click();
    await tree.getByRole('treeitem', { name: /^workstation, 0\.9/ }).click();
    await branches.getByText(/end of life/i).first().waitFor();
    await branches.getByRole('button', { name: /switch to demo\/1\/x86_64\/workstation/i }).waitFor();
    await screenshot(page, 'branches');
    expect(errors).toEqual([]);
  });

  it('previews the update with the same counts as the engine', async () => {
    const status = system.status();
    const expected = canopyJson<CommitDiff>(['diff', status[0]?.checksum ?? '', 'demo:demo/1/x86_64/workstation', '--repo', `${system.sysroot}/ostree/repo`]);
    await view('Overview');
    await page.getByRole('button', { name: /preview update/i }).click();
    const changes = page.getByRole('main', { name: 'Changes' });
    await changes.waitFor();
    for (const [label, count] of [
      ['Upgraded', expected.packages.upgraded.length],
      ['Downgraded', expected.packages.downgraded.length],
      ['Removed', expected.packages.removed.length],
      ['Added', expected.packages.added.length],
    ] as const) {
      await changes.getByRole('button', { name: new RegExp(`${label}\\D*${String(count)}\\b`) }).first().waitFor();
    }
    await screenshot(page, 'changes');
    expect(errors).toEqual([]);
  });

  it('switches branch with progress, then rolls back, and the timeline follows', async () => {
    const branches = await view('Branches');
    await branches.getByRole('treeitem', { name: /server/ }).first().click();
    await branches.getByRole('button', { name: /^switch$/i }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('What would change').getByText(/\d+ upgraded, \d+ downgraded, \d+ removed, \d+ added/).waitFor();
    await dialog.getByRole('button', { name: /switch|confirm|continue/i }).last().click();
    await dialog.getByText(/reboot/i).first().waitFor({ timeout: 60_000 });
    await screenshot(page, 'switched');
    await dialog.getByRole('button', { name: /close|later|done/i }).first().click();
    expect(system.status()[0]?.origin).toBe('demo:demo/1/x86_64/server');

    const timeline = await view('Timeline');
    await timeline.getByText(/switch/i).first().waitFor();
    await timeline.getByRole('button', { name: /roll back/i }).first().click();
    await page.getByRole('dialog').getByRole('button', { name: /roll back/i }).last().click();
    await page.getByRole('dialog').getByText(/reboot/i).first().waitFor({ timeout: 60_000 });
    await page.getByRole('dialog').getByRole('button', { name: /close|later|done/i }).first().click();
    expect(system.status()[0]?.origin).toBe('demo:demo/1/x86_64/workstation');
    await timeline.getByText(/rollback/i).first().waitFor();
    await expect(timeline.getByText(/\/var/).first().isVisible()).resolves.toBe(true);
    await screenshot(page, 'timeline');
    expect(errors).toEqual([]);
  });

  it('follows the dark preference', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r = 255, g = 255, b = 255] = (background.match(/\d+/g) ?? []).map(Number);
    expect(r + g + b).toBeLessThan(200);
    await screenshot(page, 'overview-dark');
  });
});
