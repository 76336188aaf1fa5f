// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Commit } from '../../helper/protocol';
import { App } from '../../renderer/app';
import { DEPLOYMENTS, checksum, commitDiff, fakeApi, remoteRef, renderWithApi, type Handlers } from './fake-api';

afterEach(cleanup);

function commit(overrides: Partial<Commit>): Commit {
  return {
    checksum: checksum('d'),
    parent: null,
    version: '0.9',
    timestamp: 1_690_000_000,
    subject: 'Release',
    body: '',
    endOfLife: null,
    endOfLifeRebase: null,
    source: null,
    ...overrides,
  };
}

const handlers: Handlers = {
  status: () => ({ sysroot: '/', deployments: DEPLOYMENTS }),
  history: () => ({ entries: [] }),
  checkUpdate: () => ({ refspec: 'demo:demo/1/x86_64/workstation', current: checksum('a'), checksum: checksum('a'), available: false, version: '1.1', timestamp: null }),
  remotes: () => ({ remotes: [{ name: 'demo', url: 'https://example.org/repo', gpgVerify: true, gpgVerifySummary: true }] }),
  refs: () => ({
    remote: 'demo',
    refs: [
      remoteRef('demo/1/x86_64/workstation', '1.2', 'c'),
      remoteRef('demo/0/x86_64/workstation', '0.9', 'd'),
      remoteRef('demo/1/x86_64/server', '1.2', 'e'),
    ],
    fetchedAt: 1_700_000_000,
    stale: false,
    summarySigned: true,
  }),
  log: ({ rev }) =>
    rev === 'demo:demo/0/x86_64/workstation'
      ? { commits: [commit({ endOfLife: 'demo 0 is no longer maintained', endOfLifeRebase: 'demo/1/x86_64/workstation' })], next: null, partial: false }
      : { commits: [commit({ checksum: checksum('e'), version: '1.2', subject: 'Server 1.2' })], next: null, partial: false },
};

async function renderBranches() {
  const fake = fakeApi(handlers);
  const view = renderWithApi(<App />, fake.api);
  fireEvent.click(screen.getByRole('button', { name: 'Branches' }));
  const branches = await screen.findByRole('main', { name: 'Branches' });
  const tree = await within(branches).findByRole('tree');
  await within(tree).findByRole('treeitem', { name: /Current/ });
  return { ...fake, view, branches, tree };
}

describe('Branches', () => {
  it('groups refs by path segment and opens on the current branch', async () => {
    const { tree } = await renderBranches();
    const items = within(tree).getAllByRole('treeitem');
    // demo (remote) › demo › 0 (folded) and 1 › x86_64 › server and workstation.
    expect(items.map((item) => item.getAttribute('aria-level'))).toEqual(['1', '2', '3', '3', '4', '5', '5']);
    const versionZero = within(tree).getByRole('treeitem', { name: '0' });
    expect(versionZero.getAttribute('aria-expanded')).toBe('false');
    const current = within(tree).getByRole('treeitem', { name: /workstation.*1\.2.*Current/ });
    expect(current.getAttribute('aria-level')).toBe('5');
  });

  it('moves with the arrow keys and opens groups with Right', async () => {
    const { tree } = await renderBranches();
    const versionZero = within(tree).getByRole('treeitem', { name: '0' });
    versionZero.focus();
    fireEvent.keyDown(versionZero, { key: 'ArrowRight' });
    expect(versionZero.getAttribute('aria-expanded')).toBe('true');
    fireEvent.keyDown(versionZero, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(within(tree).getByRole('treeitem', { name: 'x86_64', expanded: false }));
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(versionZero);
    fireEvent.keyDown(versionZero, { key: 'ArrowLeft' });
    expect(versionZero.getAttribute('aria-expanded')).toBe('false');
  });

  it('flags an end-of-life branch once selected and offers its successor', async () => {
    const { tree, branches, calls } = await renderBranches();
    fireEvent.click(within(tree).getByRole('treeitem', { name: '0' }));
    fireEvent.click(within(tree).getByRole('treeitem', { name: 'x86_64', expanded: false }));
    fireEvent.click(within(tree).getByRole('treeitem', { name: /^workstation, 0\.9/ }));
    expect(await within(branches).findByText('demo 0 is no longer maintained')).toBeTruthy();
    expect(within(tree).getByRole('treeitem', { name: /^workstation, 0\.9.*End of life/ })).toBeTruthy();
    expect(calls).toContainEqual({ method: 'log', params: { rev: 'demo:demo/0/x86_64/workstation', limit: 50 } });
    fireEvent.click(within(branches).getByRole('button', { name: 'Switch to demo/1/x86_64/workstation' }));
    const dialog = screen.getByRole('dialog', { name: 'Switch to demo:demo/1/x86_64/workstation' });
    expect(within(dialog).getByText(/\/var is shared/)).toBeTruthy();
  });

  it('shows a selected branch history and previews the switch in Changes', async () => {
    const fake = fakeApi({
      ...handlers,
      previewSwitch: () => commitDiff({ upgraded: [{ name: 'bash', arch: 'x86_64', from: '5.1-1', to: '5.2-1' }] }),
    });
    renderWithApi(<App />, fake.api);
    fireEvent.click(screen.getByRole('button', { name: 'Branches' }));
    const tree = await screen.findByRole('tree');
    fireEvent.click(await within(tree).findByRole('treeitem', { name: /^server/ }));
    expect(await screen.findByText('Server 1.2')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Preview switch' }));
    const changes = await screen.findByRole('main', { name: 'Changes' });
    expect(await within(changes).findByRole('button', { name: 'Upgraded 1' })).toBeTruthy();
    expect(fake.calls).toContainEqual({ method: 'previewSwitch', params: { refspec: 'demo:demo/1/x86_64/server' } });
  });

  it('shows why a remote has no refs', async () => {
    const { api } = fakeApi({
      ...handlers,
      refs: () => {
        throw new Error('demo: summary signature is invalid');
      },
    });
    renderWithApi(<App />, api);
    fireEvent.click(screen.getByRole('button', { name: 'Branches' }));
    expect(await screen.findByText('demo: demo: summary signature is invalid')).toBeTruthy();
  });
});
