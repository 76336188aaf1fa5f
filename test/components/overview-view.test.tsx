// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/app';
import { DEPLOYMENTS, checksum, deployment, fakeApi, renderWithApi, type Handlers } from './fake-api';

afterEach(cleanup);

const base: Handlers = {
  status: () => ({ sysroot: '/', deployments: DEPLOYMENTS }),
  history: () => ({ entries: [] }),
  remotes: () => ({ remotes: [] }),
};

const update = { refspec: 'demo:demo/1/x86_64/workstation', current: checksum('a'), checksum: checksum('c'), timestamp: 1_700_000_500 };

describe('Overview', () => {
  it('shows the running deployment, the rollback and an available update', async () => {
    const { api } = fakeApi({ ...base, checkUpdate: () => ({ ...update, available: true, version: '1.2' }) });
    renderWithApi(<App />, api);
    const overview = await screen.findByRole('main', { name: 'Overview' });
    await within(overview).findByText('1.2');
    expect(within(within(overview).getByRole('region', { name: 'Running' })).getByText('1.1')).toBeTruthy();
    expect(within(within(overview).getByRole('region', { name: 'Rollback' })).getByText('1.0')).toBeTruthy();
    expect(within(overview).getByRole('button', { name: 'Preview update' })).toBeTruthy();
    expect(within(overview).queryByText(/up to date/i)).toBeNull();
  });

  it('says up to date when there is no update', async () => {
    const { api } = fakeApi({ ...base, checkUpdate: () => ({ ...update, available: false, version: '1.1' }) });
    renderWithApi(<App />, api);
    expect(await screen.findByText(/up to date/i)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Preview update' })).toBeNull();
  });

  it('shows the error of a failed update check, never "up to date"', async () => {
    const { api } = fakeApi({
      ...base,
      checkUpdate: () => {
        throw Object.assign(new Error('could not reach demo: connection refused'), { code: 'network' });
      },
    });
    renderWithApi(<App />, api);
    expect(await screen.findByText(/connection refused/)).toBeTruthy();
    expect(screen.queryByText(/up to date/i)).toBeNull();
  });

  it('tells the user a new deployment waits for a reboot', async () => {
    const deployments = [
      deployment({ index: 0, checksum: checksum('c'), version: '1.2', role: 'pending' }),
      deployment({ index: 1, checksum: checksum('a'), version: '1.1', booted: true }),
    ];
    const { api, calls } = fakeApi({
      ...base,
      status: () => ({ sysroot: '/', deployments }),
      checkUpdate: () => ({ ...update, available: false, version: '1.2' }),
      reboot: () => {
        throw Object.assign(new Error('cannot reboot through systemd-logind: not running'), { code: 'engine-unavailable' });
      },
    });
    renderWithApi(<App />, api);
    expect(await screen.findByText('A new deployment is waiting: reboot to use it.')).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Boots next' })).getByText('1.2')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Reboot now' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Could not reboot: cannot reboot through systemd-logind: not running');
    expect(calls.map((call) => call.method)).toContain('reboot');
  });

  it('moves between views with the arrow keys in the sidebar', async () => {
    const { api } = fakeApi({ ...base, checkUpdate: () => ({ ...update, available: false, version: '1.1' }) });
    renderWithApi(<App />, api);
    const overviewButton = screen.getByRole('button', { name: 'Overview' });
    overviewButton.focus();
    fireEvent.keyDown(overviewButton, { key: 'ArrowDown' });
    expect(await screen.findByRole('main', { name: 'Branches' })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Branches' }));
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowUp' });
    expect(await screen.findByRole('main', { name: 'Overview' })).toBeTruthy();
  });
});
