// What the remotes offer: every remote's refs, the ref the user selected, and its history.
import { createStore } from 'zustand';
import type { Commit, LogResult, RemoteRef } from '../../helper/protocol';
import type { CanopyApi } from '../../preload/bind-api';
import { errorMessage } from '../format';
import type { Loadable } from './system-store';

export interface RemoteRefs {
  remote: string;
  refs: RemoteRef[];
  /** True when the remote was unreachable and the refs come from the cache. */
  stale: boolean;
  error: string | null;
}

export interface BranchesState {
  remotes: Loadable<RemoteRefs[]>;
  selected: string | null;
  log: Loadable<LogResult> | null;
  /** Tip commits seen so far, by refspec: what tells an end-of-life branch. */
  tips: Record<string, Commit>;
  load: (refresh?: boolean) => Promise<void>;
  select: (refspec: string) => Promise<void>;
}

const LOG_LIMIT = 50;

export function refspecOf(ref: RemoteRef): string {
  return `${ref.remote}:${ref.ref}`;
}

export function createBranchesStore(api: CanopyApi) {
  return createStore<BranchesState>()((set, get) => ({
    remotes: { state: 'loading' },
    selected: null,
    log: null,
    tips: {},
    load: async (refresh = false) => {
      set({ remotes: { state: 'loading' } });
      try {
        const { remotes } = await api.remotes({});
        const loaded = await Promise.all(
          remotes.map(async ({ name }): Promise<RemoteRefs> => {
            try {
              const result = await api.refs({ remote: name, refresh });
              return { remote: name, refs: result.refs, stale: result.stale, error: null };
            } catch (error) {
              return { remote: name, refs: [], stale: false, error: errorMessage(error) };
            }
          }),
        );
        set({ remotes: { state: 'ready', value: loaded } });
      } catch (error) {
        set({ remotes: { state: 'error', message: errorMessage(error) } });
      }
    },
    select: async (refspec) => {
      set({ selected: refspec, log: { state: 'loading' } });
      try {
        const log = await api.log({ rev: refspec, limit: LOG_LIMIT });
        if (get().selected !== refspec) return;
        const tip = log.commits[0];
        set((state) => ({ log: { state: 'ready', value: log }, tips: tip ? { ...state.tips, [refspec]: tip } : state.tips }));
      } catch (error) {
        if (get().selected === refspec) set({ log: { state: 'error', message: errorMessage(error) } });
      }
    },
  }));
}
export type BranchesStore = ReturnType<typeof createBranchesStore>;
