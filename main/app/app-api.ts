// The app's API behind both transports (Electron IPC and browser mode's HTTP): validates each call against the
// shared contract and maps it to CanopyService on the sysroot chosen at start-up.
import { apiSchemas, isApiMethod, type ApiMethod, type ApiResults } from '../../preload/api-contract';
import { describeIssues, type ChangeMethod, type Params, type Progress, type Results, type Target } from '../../helper/protocol';
import { cacheDir } from '../paths';
import type { CanopyService } from '../services/canopy-service';
import { EngineError } from '../services/engine-error';
import { reboot } from '../services/reboot';

type Listener = (progress: Progress) => void;
export type AppApi = (method: string, params: unknown, onProgress?: Listener) => Promise<unknown>;

export function createAppApi(service: CanopyService, sysroot: string): AppApi {
  const target: Target = { kind: 'sysroot', path: sysroot };
  const current = async (): Promise<string> => {
    const { deployments } = await service.status(sysroot);
    const deployment = deployments.find((d) => d.booted) ?? deployments[0];
    if (!deployment) throw new EngineError('not-found', 'the system has no deployment');
    return deployment.checksum;
  };
  const preview = async (refspec: string | undefined): Promise<ApiResults['previewUpdate']> => {
    const fetched = await service.read('fetchPreview', { target, cacheDir: cacheDir(), ...(refspec ? { refspec } : {}) });
    return service.diffs.diff(target, await current(), fetched.checksum, {
      changelogs: true,
      toTarget: { kind: 'repo', path: fetched.repo },
    });
  };
  // A branch the system never pulled has its history on the remote only; read it from there.
  const branchLog = async (rev: string, limit: number): Promise<Results['log']> => {
    try {
      return await service.log(target, rev, limit);
    } catch (error) {
      if (!(error instanceof EngineError && error.code === 'not-found' && rev.includes(':'))) throw error;
      return service.read('remoteLog', { target, cacheDir: cacheDir(), refspec: rev, limit });
    }
  };
  // One change at a time, as libostree's sysroot lock allows; `cancel` aborts it by closing the engine's input.
  let running: AbortController | null = null;
  const change = async <M extends ChangeMethod>(method: M, params: Params<M>, onProgress?: Listener): Promise<Results[M]> => {
    if (running) throw new EngineError('busy', 'another change is in progress');
    const abort = new AbortController();
    running = abort;
    try {
      return await service.change(method, params, { signal: abort.signal, ...(onProgress ? { onProgress } : {}) });
    } finally {
      running = null;
    }
  };
  const handlers: { [M in ApiMethod]: (params: never, onProgress?: Listener) => Promise<ApiResults[M]> } = {
    status: () => service.status(sysroot),
    remotes: () => service.remotes(target),
    refs: (p: { remote: string; refresh?: boolean }) => service.refs(target, p.remote, p.refresh === true),
    log: (p: { rev: string; limit?: number }) => branchLog(p.rev, p.limit ?? 50),
    history: () => service.history(sysroot),
    checkUpdate: () => service.checkUpdate(sysroot),
    diff: (p: { from: string; to: string; changelogs?: boolean; files?: boolean }) =>
      service.diffs.diff(target, p.from, p.to, { changelogs: p.changelogs ?? true, files: p.files === true }),
    previewUpdate: () => preview(undefined),
    previewSwitch: (p: { refspec: string }) => preview(p.refspec),
    rollback: (_p, onProgress) => change('rollback', { target }, onProgress),
    pin: (p: { index: number; pinned: boolean }, onProgress) => change('pin', { target, ...p }, onProgress),
    switch: (p: { refspec: string }, onProgress) => change('switch', { target, refspec: p.refspec }, onProgress),
    upgrade: (_p, onProgress) => change('upgrade', { target }, onProgress),
    deploy: (p: { checksum: string }, onProgress) => change('deploy', { target, commit: { checksum: p.checksum } }, onProgress),
    cleanup: (_p, onProgress) => change('cleanup', { target }, onProgress),
    cancel: () => {
      running?.abort();
      return Promise.resolve({ cancelled: running !== null });
    },
    reboot: async () => {
      await reboot();
      return {};
    },
  };
  return async (method, params, onProgress) => {
    if (!isApiMethod(method)) throw new EngineError('invalid-argument', `unknown method ${method}`);
    const parsed = apiSchemas[method].safeParse(params ?? {});
    if (!parsed.success) throw new EngineError('invalid-argument', describeIssues(parsed.error));
    return handlers[method](parsed.data as never, onProgress);
  };
}
