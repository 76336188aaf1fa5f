// @vitest-environment jsdom
// The change dialog: what would change while the user decides, live progress while it runs, and stopping it.
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChangeResult, Progress } from '../../helper/protocol';
import { App } from '../../renderer/app';
import { DEPLOYMENTS, checksum, commitDiff, fakeApi, renderWithApi, type Handlers } from './fake-api';

afterEach(cleanup);

const fetching: Progress = { phase: 'fetching', fetched: 3, requested: 12, bytes: 3 * 1024 * 1024, totalBytes: null, rate: 1024 * 1024, message: '' };

function handlers(upgrade: Handlers['upgrade']): Handlers {
  return {
    status: () => ({ sysroot: '/', deployments: DEPLOYMENTS }),
    history: () => ({ entries: [] }),
    remotes: () => ({ remotes: [] }),
    checkUpdate: () => ({ refspec: 'demo:demo/1/x86_64/workstation', current: checksum('a'), checksum: checksum('c'), available: true, version: '1.2', timestamp: 1_700_000_300 }),
    previewUpdate: () => commitDiff({ upgraded: [{ name: 'bash', arch: 'x86_64', from: '5.2-1', to: '5.2-2' }], added: [{ name: 'htop', arch: 'x86_64', evr: '3.3-1' }] }),
    upgrade,
    cancel: () => ({ cancelled: true }),
  };
}

async function openUpdate(upgrade: Handlers['upgrade']) {
  const fake = fakeApi(handlers(upgrade));
  renderWithApi(<App />, fake.api);
  const overview = await screen.findByRole('main', { name: 'Overview' });
  fireEvent.click(await within(overview).findByRole('button', { name: /^update/i }));
  const dialog = await screen.findByRole('dialog');
  return { ...fake, dialog };
}

describe('the change dialog', () => {
  it('shows what the update would change before it is confirmed', async () => {
    const { dialog } = await openUpdate(() => new Promise(() => undefined));
    const summary = await within(dialog).findByLabelText('What would change');
    expect(summary.textContent).toMatch(/1 upgraded, 0 downgraded, 0 removed, 1 added/);
  });

  it('shows objects, bytes and rate while fetching, and stops on request', async () => {
    let finish: (result: ChangeResult) => void = () => undefined;
    const { dialog, calls } = await openUpdate((_params, onProgress) => {
      onProgress?.(fetching);
      return new Promise((resolve) => {
        finish = resolve;
      });
    });
    fireEvent.click(within(dialog).getByRole('button', { name: /^update/i }));
    await within(dialog).findByText(/3 of 12 objects, 3\.0 MiB at 1\.0 MiB\/s/);
    const bar = within(dialog).getByRole('progressbar', { name: 'Progress' });
    expect([bar.getAttribute('value'), bar.getAttribute('max')]).toEqual(['3', '12']);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Stop' }));
    expect(calls.map((call) => call.method)).toContain('cancel');
    finish({ action: 'upgrade', changed: true, from: checksum('a'), to: checksum('c'), message: 'deployed 1.2', deployments: DEPLOYMENTS });
    await within(dialog).findByText(/Reboot to use it/);
  });
});
