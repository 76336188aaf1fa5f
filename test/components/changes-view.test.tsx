// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Package, PackageChange } from '../../main/packages/package-model';
import { App } from '../../renderer/app';
import { DEPLOYMENTS, checksum, commitDiff, fakeApi, giveVirtualListsLayout, historyEntry, renderWithApi, type Handlers } from './fake-api';

beforeAll(giveVirtualListsLayout);
afterEach(cleanup);

const upgraded: PackageChange[] = Array.from({ length: 3000 }, (_, index) => ({
  name: `pkg-${String(index).padStart(4, '0')}`,
  arch: 'x86_64',
  from: '1.0-1',
  to: '1.1-1',
  changelog: [{ time: 1_700_000_000, author: 'Jane Doe <jane@example.org> - 1.1-1', text: `- fix bug ${String(index)}` }],
}));
const removed: Package[] = [{ name: 'oldtool', arch: 'noarch', evr: '2.0-3' }];
const added: Package[] = [
  { name: 'newtool', arch: 'x86_64', evr: '0.1-1' },
  { name: 'newlib', arch: 'x86_64', evr: '0.2-1' },
];
const diff = commitDiff({ upgraded, removed, added });

const handlers: Handlers = {
  status: () => ({ sysroot: '/', deployments: DEPLOYMENTS }),
  history: () => ({ entries: [historyEntry({})] }),
  checkUpdate: () => ({ refspec: 'demo:demo/1/x86_64/workstation', current: checksum('a'), checksum: checksum('c'), available: true, version: '1.2', timestamp: null }),
  remotes: () => ({ remotes: [] }),
  previewUpdate: () => diff,
  diff: ({ files }) =>
    files ? { ...diff, files: { from: checksum('a'), to: checksum('c'), added: ['/usr/bin/newtool'], removed: ['/usr/bin/oldtool'], modified: ['/usr/lib/os-release'] } } : diff,
};

async function openPreview() {
  const fake = fakeApi(handlers);
  renderWithApi(<App />, fake.api);
  fireEvent.click(await screen.findByRole('button', { name: 'Preview update' }));
  const changes = await screen.findByRole('main', { name: 'Changes' });
  await within(changes).findByRole('button', { name: 'Upgraded 3000' });
  return { ...fake, changes };
}

const rows = (changes: HTMLElement) => within(within(changes).getByRole('list')).queryAllByRole('listitem');

describe('Changes', () => {
  it('shows the counts of every category first', async () => {
    const { changes } = await openPreview();
    for (const name of ['Upgraded 3000', 'Downgraded 0', 'Removed 1', 'Added 2']) {
      expect(within(changes).getByRole('button', { name })).toBeTruthy();
    }
    expect(within(changes).getByText(/^From/, { selector: 'p' }).textContent).toContain('1.2');
  });

  it('renders only the rows in view of a long list', async () => {
    const { changes } = await openPreview();
    const shown = rows(changes);
    expect(shown.length).toBeGreaterThan(5);
    expect(shown.length).toBeLessThan(60);
    expect(within(shown[0] as HTMLElement).getByText('pkg-0000')).toBeTruthy();
    expect(within(shown[0] as HTMLElement).getByText('1.0-1 → 1.1-1')).toBeTruthy();
  });

  it('filters rows by name', async () => {
    const { changes } = await openPreview();
    fireEvent.change(within(changes).getByRole('searchbox', { name: 'Filter packages' }), { target: { value: 'pkg-012' } });
    await within(changes).findByText('10 of 3000 shown');
    expect(rows(changes)).toHaveLength(10);
  });

  it('switches category with its button', async () => {
    const { changes } = await openPreview();
    fireEvent.click(within(changes).getByRole('button', { name: 'Added 2' }));
    expect(rows(changes).map((row) => row.textContent)).toEqual(['newtool0.1-1x86_64', 'newlib0.2-1x86_64']);
  });

  it('expands an upgrade to its changelog', async () => {
    const { changes } = await openPreview();
    const toggle = within(changes).getByRole('button', { name: 'Changelog of pkg-0001' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(within(changes).getByText('- fix bug 1')).toBeTruthy();
  });

  it('asks for the file diff only when the Files tab opens', async () => {
    const { changes, calls } = await openPreview();
    expect(calls.some((call) => call.method === 'diff')).toBe(false);
    fireEvent.click(within(changes).getByRole('button', { name: 'Files' }));
    expect(await within(changes).findByText('/usr/lib/os-release')).toBeTruthy();
    expect(calls).toContainEqual({ method: 'diff', params: { from: checksum('b'), to: checksum('a'), files: true } });
    expect(rows(changes)).toHaveLength(3);
  });

  it('compares two commits picked from the deployments and the journal', async () => {
    const { changes, calls } = await openPreview();
    fireEvent.change(within(changes).getByRole('combobox', { name: 'From' }), { target: { value: checksum('b') } });
    fireEvent.change(within(changes).getByRole('combobox', { name: 'To' }), { target: { value: checksum('a') } });
    fireEvent.click(within(changes).getByRole('button', { name: 'Compare' }));
    await within(changes).findByRole('button', { name: 'Upgraded 3000' });
    expect(calls).toContainEqual({ method: 'diff', params: { from: checksum('b'), to: checksum('a'), changelogs: true } });
  });
});
