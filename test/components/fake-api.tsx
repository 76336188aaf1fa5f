// A CanopyApi over canned results, and a render helper that puts the app's stores around a view.
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { Deployment, HistoryEntry, RemoteRef } from '../../helper/protocol';
import type { CommitDiff } from '../../main/services/commit-diff';
import type { ApiMethod, ApiParams, ApiResults } from '../../preload/api-contract';
import { bindApi, type CanopyApi, type ProgressListener } from '../../preload/bind-api';
import { StoresProvider } from '../../renderer/stores/app-stores';

export type Handlers = {
  [M in ApiMethod]?: (params: ApiParams<M>, onProgress?: ProgressListener) => ApiResults[M] | Promise<ApiResults[M]>;
};

export interface FakeApi {
  api: CanopyApi;
  calls: { method: ApiMethod; params: unknown }[];
}

export function fakeApi(handlers: Handlers): FakeApi {
  const calls: FakeApi['calls'] = [];
  const api = bindApi((method, params, onProgress) => {
    calls.push({ method, params });
    const handler = handlers[method] as ((params: unknown, onProgress?: ProgressListener) => unknown) | undefined;
    // Answers asynchronously, as the real transports do, and turns a handler's throw into a rejection.
    return Promise.resolve().then(() => {
      if (!handler) throw Object.assign(new Error(`${method} is not faked`), { code: 'internal' });
      return handler(params, onProgress);
    });
  });
  return { api, calls };
}

export function renderWithApi(ui: ReactNode, api: CanopyApi) {
  return render(<StoresProvider api={api}>{ui}</StoresProvider>);
}

export const checksum = (digit: string) => digit.repeat(64);

export function deployment(overrides: Partial<Deployment>): Deployment {
  return {
    id: `demo-${overrides.checksum ?? checksum('a')}.0`,
    index: 0,
    osname: 'demo',
    checksum: checksum('a'),
    serial: 0,
    bootserial: 0,
    version: '1.1',
    timestamp: 1_700_000_000,
    origin: 'demo:demo/1/x86_64/workstation',
    originKind: 'refspec',
    layered: null,
    booted: false,
    pinned: false,
    staged: false,
    role: null,
    endOfLife: null,
    ...overrides,
  };
}

/** A booted 1.1 with 1.0 as its rollback. */
export const DEPLOYMENTS: Deployment[] = [
  deployment({ index: 0, checksum: checksum('a'), version: '1.1', booted: true }),
  deployment({ index: 1, checksum: checksum('b'), version: '1.0', role: 'rollback' }),
];

export function remoteRef(ref: string, version: string, digit: string): RemoteRef {
  return { remote: 'demo', ref, checksum: checksum(digit), timestamp: 1_700_000_000, version };
}

export function historyEntry(overrides: Partial<HistoryEntry>): HistoryEntry {
  return {
    time: 1_700_000_100,
    user: 'alice',
    uid: 1000,
    action: 'upgrade',
    from: checksum('b'),
    to: checksum('a'),
    refspec: 'demo:demo/1/x86_64/workstation',
    detail: null,
    result: 'ok',
    error: null,
    ...overrides,
  };
}

export function commitDiff(packages: Partial<CommitDiff['packages']>): CommitDiff {
  return {
    from: checksum('b'),
    to: checksum('a'),
    source: 'pkglist',
    packages: { added: [], removed: [], upgraded: [], downgraded: [], ...packages },
  };
}

/** jsdom lays nothing out: give the virtual list's scroller a height and every row one, so the virtualizer renders rows. */
export function giveVirtualListsLayout(): void {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('virtual-scroller') ? 340 : 0;
    },
  });
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('virtual-row') ? 34 : 0;
    },
  });
}
