// Builds the renderer's API object from one transport (IPC in Electron, fetch in browser mode), so both expose the
// same named, typed functions and nothing else.
import type { Progress } from '../helper/protocol';
import type { ApiMethod, ApiParams, ApiResults, ChangeCall } from './api-contract';

export type ProgressListener = (progress: Progress) => void;
export type Invoke = (method: ApiMethod, params: unknown, onProgress?: ProgressListener) => Promise<unknown>;

export function bindApi(invoke: Invoke) {
  const call =
    <M extends ApiMethod>(method: M) =>
    (params: ApiParams<M>): Promise<ApiResults[M]> =>
      invoke(method, params) as Promise<ApiResults[M]>;
  const change =
    <M extends ChangeCall>(method: M) =>
    (params: ApiParams<M>, onProgress?: ProgressListener): Promise<ApiResults[M]> =>
      invoke(method, params, onProgress) as Promise<ApiResults[M]>;
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
    rollback: change('rollback'),
    pin: change('pin'),
    switch: change('switch'),
    upgrade: change('upgrade'),
    deploy: change('deploy'),
    cleanup: change('cleanup'),
    cancel: call('cancel'),
    reboot: call('reboot'),
  };
}

/** The API the renderer sees, whatever the transport. */
export type CanopyApi = ReturnType<typeof bindApi>;
