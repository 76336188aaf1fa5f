// The comparison on screen: which two commits, their package diff, and the file diff once asked for.
import { createStore } from 'zustand';
import type { FileDiffResult } from '../../helper/protocol';
import type { CommitDiff } from '../../main/services/commit-diff';
import type { CanopyApi } from '../../preload/bind-api';
import { errorMessage } from '../format';
import type { Loadable } from './system-store';

export const PACKAGE_CATEGORIES = ['upgraded', 'downgraded', 'removed', 'added'] as const;
export type PackageCategory = (typeof PACKAGE_CATEGORIES)[number];
export type Category = PackageCategory | 'files';

/** How the diff was made, which decides what can follow from it (files need both commits in the system repo). */
export type Comparison =
  | { kind: 'commits'; from: string; to: string; fromLabel: string; toLabel: string }
  | { kind: 'update'; fromLabel: string; toLabel: string }
  | { kind: 'switch'; refspec: string; fromLabel: string; toLabel: string };

export interface ChangesState {
  comparison: Comparison | null;
  diff: Loadable<CommitDiff> | null;
  files: Loadable<FileDiffResult> | null;
  category: Category;
  filter: string;
  compare: (from: string, to: string, labels: { from: string; to: string }) => Promise<void>;
  previewUpdate: (labels: { from: string; to: string }) => Promise<void>;
  previewSwitch: (refspec: string, labels: { from: string; to: string }) => Promise<void>;
  setCategory: (category: Category) => void;
  setFilter: (filter: string) => void;
}

/** The first category with something in it, so the list opens on a change rather than on an empty tab. */
function firstNonEmpty(diff: CommitDiff): PackageCategory {
  return PACKAGE_CATEGORIES.find((category) => diff.packages[category].length > 0) ?? 'upgraded';
}

export function createChangesStore(api: CanopyApi) {
  // Only the newest request may fill the view; an older one that answers late is dropped.
  let request = 0;

  return createStore<ChangesState>()((set, get) => {
    const run = async (comparison: Comparison, load: () => Promise<CommitDiff>) => {
      const id = ++request;
      set({ comparison, diff: { state: 'loading' }, files: null, filter: '' });
      try {
        const diff = await load();
        if (id === request) set({ diff: { state: 'ready', value: diff }, category: firstNonEmpty(diff) });
      } catch (error) {
        if (id === request) set({ diff: { state: 'error', message: errorMessage(error) } });
      }
    };

    const loadFiles = async () => {
      const diff = get().diff;
      if (diff?.state !== 'ready' || get().files) return;
      const id = request;
      set({ files: { state: 'loading' } });
      try {
        const result = await api.diff({ from: diff.value.from, to: diff.value.to, files: true });
        if (id !== request) return;
        set({
          files: result.files
            ? { state: 'ready', value: result.files }
            : { state: 'error', message: 'The file list is not available for this comparison.' },
        });
      } catch (error) {
        if (id === request) set({ files: { state: 'error', message: errorMessage(error) } });
      }
    };

    return {
      comparison: null,
      diff: null,
      files: null,
      category: 'upgraded',
      filter: '',
      compare: (from, to, labels) =>
        run({ kind: 'commits', from, to, fromLabel: labels.from, toLabel: labels.to }, () =>
          api.diff({ from, to, changelogs: true }),
        ),
      previewUpdate: (labels) => run({ kind: 'update', fromLabel: labels.from, toLabel: labels.to }, () => api.previewUpdate({})),
      previewSwitch: (refspec, labels) =>
        run({ kind: 'switch', refspec, fromLabel: labels.from, toLabel: labels.to }, () => api.previewSwitch({ refspec })),
      setCategory: (category) => {
        set({ category });
        if (category === 'files') void loadFiles();
      },
      setFilter: (filter) => set({ filter }),
    };
  });
}
export type ChangesStore = ReturnType<typeof createChangesStore>;
