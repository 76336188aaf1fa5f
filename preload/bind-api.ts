// Builds the renderer's API object from one transport (IPC in Electron, fetch in browser mode), so both expose the
// same named, typed functions and nothing else.
import type { ApiMethod, ApiParams, ApiResults } from './api-contract';

export type Invoke = (method: ApiMethod, params: unknown) => Promise<unknown>;

export function bindApi(invoke: Invoke) {
  const call =
    <M extends ApiMethod>(method: M) =>
    (params: ApiParams<M>): Promise<ApiResults[M]> =>
      invoke(method, params) as Promise<ApiResults[M]>;
  return {
    status: call('status'),
    remotes: call('remotes'),
    refs: call('refs'),
    log: call('log'),
    history: call('history'),
    checkUpdate: call('checkUpdate'),
    diff: call('diff'),
    previewUpdate: call('previewUpdate'),
    previewSwitch: call('previewSwitch'),
    rollback: call('rollback'),
    pin: call('pin'),
    switch: call('switch'),
    upgrade: call('upgrade'),
    deploy: call('deploy'),
  };
}

/** The API the renderer sees, whatever the transport. */
export type CanopyApi = ReturnType<typeof bindApi>;
