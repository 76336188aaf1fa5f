// A change to the system, one at a time: the user confirms it, it runs with progress, then it is done or failed.
import { createStore } from 'zustand';
import type { ChangeResult, Progress } from '../../helper/protocol';
import type { CanopyApi } from '../../preload/bind-api';
import type { CommitDiff } from '../../main/services/commit-diff';
import { errorMessage } from '../format';
import type { SystemStore } from './system-store';

export type Operation =
  | { kind: 'switch'; refspec: string }
  | { kind: 'upgrade' }
  | { kind: 'deploy'; checksum: string; label: string }
  | { kind: 'rollback' }
  | { kind: 'pin'; index: number; pinned: boolean; label: string };

/** What a switch or an update would change, fetched while the user reads the confirmation. */
export type Preview = { state: 'loading' } | { state: 'ready'; diff: CommitDiff } | { state: 'failed'; message: string };

export type OperationStep =
  | { step: 'idle' }
  | { step: 'confirm'; operation: Operation; preview: Preview | null }
  | { step: 'running'; operation: Operation; progress: Progress | null }
  | { step: 'done'; operation: Operation; result: ChangeResult }
  | { step: 'error'; operation: Operation; message: string };

export interface OperationState {
  current: OperationStep;
  request: (operation: Operation) => void;
  confirm: () => Promise<void>;
  /** Backs out at the confirm step; asks the engine to stop while running. */
  cancel: () => void;
  close: () => void;
  reboot: () => Promise<void>;
}

function start(api: CanopyApi, operation: Operation, onProgress: (progress: Progress) => void): Promise<ChangeResult> {
  switch (operation.kind) {
    case 'switch':
      return api.switch({ refspec: operation.refspec }, onProgress);
    case 'upgrade':
      return api.upgrade({}, onProgress);
    case 'deploy':
      return api.deploy({ checksum: operation.checksum }, onProgress);
    case 'rollback':
      return api.rollback({}, onProgress);
    case 'pin':
      return api.pin({ index: operation.index, pinned: operation.pinned }, onProgress);
  }
}

function previewOf(api: CanopyApi, operation: Operation): (() => Promise<CommitDiff>) | null {
  if (operation.kind === 'switch') return () => api.previewSwitch({ refspec: operation.refspec });
  if (operation.kind === 'upgrade') return () => api.previewUpdate({});
  return null;
}

export function createOperationStore(api: CanopyApi, system: SystemStore) {
  return createStore<OperationState>()((set, get) => ({
    current: { step: 'idle' },
    request: (operation) => {
      if (get().current.step === 'running') return;
      const preview = previewOf(api, operation);
      set({ current: { step: 'confirm', operation, preview: preview ? { state: 'loading' } : null } });
      if (!preview) return;
      const settle = (result: Preview): void => {
        const now = get().current;
        if (now.step === 'confirm' && now.operation === operation) set({ current: { ...now, preview: result } });
      };
      preview().then(
        (diff) => {
          settle({ state: 'ready', diff });
        },
        (error: unknown) => {
          settle({ state: 'failed', message: errorMessage(error) });
        },
      );
    },
    confirm: async () => {
      const current = get().current;
      if (current.step !== 'confirm') return;
      const { operation } = current;
      set({ current: { step: 'running', operation, progress: null } });
      try {
        const result = await start(api, operation, (progress) => {
          const now = get().current;
          if (now.step === 'running') set({ current: { ...now, progress } });
        });
        set({ current: { step: 'done', operation, result } });
        await system.getState().load();
      } catch (error) {
        set({ current: { step: 'error', operation, message: errorMessage(error) } });
        // A failed change may still have left something behind (a staged deployment, a pin); show what is true now.
        await system.getState().load();
      }
    },
    cancel: () => {
      const { step } = get().current;
      if (step === 'confirm') set({ current: { step: 'idle' } });
      else if (step === 'running') void api.cancel({}).catch(() => undefined);
    },
    close: () => {
      if (get().current.step !== 'running') set({ current: { step: 'idle' } });
    },
    reboot: async () => {
      const refused = await system.getState().reboot();
      const current = get().current;
      if (refused && current.step !== 'idle' && current.step !== 'running') {
        set({ current: { step: 'error', operation: current.operation, message: refused } });
      }
    },
  }));
}
export type OperationStore = ReturnType<typeof createOperationStore>;
