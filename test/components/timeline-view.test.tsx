// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChangeResult } from '../../helper/protocol';
import { App } from '../../renderer/app';
import { DEPLOYMENTS, checksum, commitDiff, deployment, fakeApi, historyEntry, renderWithApi, type Handlers } from './fake-api';

afterEach(cleanup);

const rolledBack = [
  deployment({ index: 0, checksum: checksum('b'), version: '1.0' }),
  deployment({ index: 1, checksum: checksum('a'), version: '1.1', booted: true, role: 'rollback' }),
];

const rollbackResult: ChangeResult = { action: 'rollback', changed: true, from: checksum('a'), to: checksum('b'), message: 'rolled back', deployments: rolledBack };

function handlers(overrides: Handlers = {}): Handlers {
  let deployments = DEPLOYMENTS;
  return {
    status: () => ({ sysroot: '/', deployments }),
    history: () => ({
      entries: [
        historyEntry({ time: 1_700_000_100, action: 'upgrade', from: checksum('b'), to: checksum('a') }),
        historyEntry({ time: 1_700_000_200, action: 'switch', from: checksum('c'), to: checksum('b'), refspec: 'demo:demo/1/x86_64/server' }),
      ],
    }),
    checkUpdate: () => ({ refspec: 'demo:demo/1/x86_64/workstation', current: checksum('a'), checksum: checksum('a'), available: false, version: '1.1', timestamp: null }),
    remotes: () => ({ remotes: [] }),
    rollback: () => {
      deployments = rolledBack;
      return rollbackResult;
    },
    ...overrides,
  };
}

async function openTimeline(overrides?: Handlers) {
  const fake = fakeApi(handlers(overrides));
  renderWithApi(<App />, fake.api);
  fireEvent.click(screen.getByRole('button', { name: 'Timeline' }));
  const timeline = await screen.findByRole('main', { name: 'Timeline' });
  await within(timeline).findByRole('button', { name: 'Roll back' });
  return { ...fake, timeline };
}

describe('Timeline', () => {
  it('lists deployments with badges and the journal newest first', async () => {
    const { timeline } = await openTimeline();
    expect(within(timeline).getByText('Booted')).toBeTruthy();
    expect(within(timeline).getAllByText('Rollback').length).toBeGreaterThan(0);
    const actions = within(timeline).getAllByText(/^(upgrade|switch)$/).map((element) => element.textContent);
    expect(actions).toEqual(['switch', 'upgrade']);
    expect(within(timeline).getByText(/\/var is shared between deployments/)).toBeTruthy();
  });

  it('rolls back after confirmation and shows that a reboot is needed', async () => {
    const { timeline, calls } = await openTimeline();
    fireEvent.click(within(timeline).getByRole('button', { name: 'Roll back' }));
    const dialog = screen.getByRole('dialog', { name: 'Roll back' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(within(dialog).getByText(/\/var is shared/)).toBeTruthy();
    expect(calls.some((call) => call.method === 'rollback')).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Roll back' }));
    expect(await within(dialog).findByText(/Reboot to use it/)).toBeTruthy();
    expect(calls.filter((call) => call.method === 'rollback')).toHaveLength(1);
    // The system is read again, so the timeline shows the deployments as they are after the rollback.
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await within(timeline).findByRole('button', { name: 'Pin 1.0' })).toBeTruthy();
    expect(calls.filter((call) => call.method === 'status').length).toBeGreaterThan(1);
  });

  it('cancels at the confirm step with Escape', async () => {
    const { timeline, calls } = await openTimeline();
    fireEvent.click(within(timeline).getByRole('button', { name: 'Roll back' }));
    const dialog = screen.getByRole('dialog');
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Roll back' }));
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(calls.some((call) => call.method === 'rollback')).toBe(false);
  });

  it('shows the error of a failed change and that nothing was changed', async () => {
    const { timeline } = await openTimeline({
      rollback: () => {
        throw Object.assign(new Error('authorization was refused'), { code: 'permission-denied' });
      },
    });
    fireEvent.click(within(timeline).getByRole('button', { name: 'Roll back' }));
    const dialog = screen.getByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Roll back' }));
    expect(await within(dialog).findByText('authorization was refused')).toBeTruthy();
    expect(within(dialog).getByText('Nothing was changed.')).toBeTruthy();
  });

  it('pins through the same flow', async () => {
    const { timeline, calls } = await openTimeline({
      pin: () => ({ ...rollbackResult, action: 'pin', message: 'deployment 1 is pinned' }),
    });
    fireEvent.click(within(timeline).getByRole('button', { name: 'Pin 1.0' }));
    const dialog = screen.getByRole('dialog', { name: 'Pin 1.0' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Pin' }));
    expect(await within(dialog).findByText('deployment 1 is pinned')).toBeTruthy();
    expect(calls).toContainEqual({ method: 'pin', params: { index: 1, pinned: true } });
  });

  it('opens what changed in a journal entry', async () => {
    const { timeline, calls } = await openTimeline({ diff: () => commitDiff({ removed: [{ name: 'vim', arch: 'x86_64', evr: '9.0-1' }] }) });
    fireEvent.click(within(timeline).getByRole('button', { name: 'What changed in this upgrade' }));
    const changes = await screen.findByRole('main', { name: 'Changes' });
    expect(await within(changes).findByRole('button', { name: 'Removed 1' })).toBeTruthy();
    expect(calls).toContainEqual({ method: 'diff', params: { from: checksum('b'), to: checksum('a'), changelogs: true } });
    const form = within(changes).getByRole('form', { name: 'Compare commits' });
    expect(within(form).getAllByRole<HTMLSelectElement>('combobox').map((select) => select.value)).toEqual([checksum('b'), checksum('a')]);
  });

  it('offers to redeploy the commit an entry left', async () => {
    const { timeline } = await openTimeline();
    fireEvent.click(within(timeline).getByRole('button', { name: /^Redeploy .*cccccc/ }));
    expect(screen.getByRole('dialog', { name: /^Deploy/ })).toBeTruthy();
  });
});
