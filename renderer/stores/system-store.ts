// The system as it is: deployments, whether an update is available, and the journal of past changes.
import { createStore } from 'zustand';
import type { Deployment, HistoryEntry, StatusResult, UpdateCheckResult } from '../../helper/protocol';
import type { CanopyApi } from '../../preload/bind-api';
import { errorMessage } from '../format';

export type Loadable<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; message: string };

export interface SystemState {
  status: Loadable<StatusResult>;
  update: Loadable<UpdateCheckResult>;
  history: Loadable<HistoryEntry[]>;
  /** Why the last reboot request was refused (no logind, not authorized), or null. */
  rebootError: string | null;
  load: () => Promise<void>;
  checkUpdate: () => Promise<void>;
  /** Asks systemd-logind to reboot; resolves to the refusal's message, or null when the reboot is under way. */
  reboot: () => Promise<string | null>;
}

async function settle<T>(promise: Promise<T>): Promise<Loadable<T>> {
  try {
    return { state: 'ready', value: await promise };
  } catch (error) {
    return { state: 'error', message: errorMessage(error) };
  }
}

export function createSystemStore(api: CanopyApi) {
  return createStore<SystemState>()((set) => ({
    status: { state: 'loading' },
    update: { state: 'loading' },
    history: { state: 'loading' },
    rebootError: null,
    load: async () => {
      // Each part loads on its own so that one failing (e.g. no network for the update check) hides nothing else.
      await Promise.all([
        settle(api.status({})).then((status) => set({ status })),
        settle(api.history({})).then((history) =>
          set({ history: history.state === 'ready' ? { state: 'ready', value: newestFirst(history.value.entries) } : history }),
        ),
        settle(api.checkUpdate({})).then((update) => set({ update })),
      ]);
    },
    checkUpdate: async () => {
      set({ update: { state: 'loading' } });
      set({ update: await settle(api.checkUpdate({})) });
    },
    reboot: async () => {
      const outcome = await settle(api.reboot({}));
      const rebootError = outcome.state === 'error' ? outcome.message : null;
      set({ rebootError });
      return rebootError;
    },
  }));
}
export type SystemStore = ReturnType<typeof createSystemStore>;

function newestFirst(entries: HistoryEntry[]): HistoryEntry[] {
  return [...entries].sort((a, b) => b.time - a.time);
}

/** The deployment the user is running, or the one that boots by default when nothing is booted (an offline sysroot). */
export function currentDeployment(deployments: Deployment[]): Deployment | undefined {
  return deployments.find((deployment) => deployment.booted) ?? deployments[0];
}

export function rollbackDeployment(deployments: Deployment[]): Deployment | undefined {
  return deployments.find((deployment) => deployment.role === 'rollback');
}

/** The branch the current deployment follows, as `remote:ref`, when its origin is a refspec. */
export function currentRefspec(deployments: Deployment[]): string | null {
  const current = currentDeployment(deployments);
  return current?.originKind === 'refspec' ? current.origin : null;
}
