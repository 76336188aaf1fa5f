// The app's API behind both transports (Electron IPC and browser mode's HTTP): validates each call against the
// shared contract and maps it to CanopyService on the sysroot chosen at start-up.
import { apiSchemas, isApiMethod, type ApiMethod, type ApiResults } from '../../preload/api-contract';
import { describeIssues, type Target } from '../../helper/protocol';
import { cacheDir } from '../paths';
import type { CanopyService } from '../services/canopy-service';
import { EngineError } from '../services/engine-error';

export type AppApi = (method: string, params: unknown) => Promise<unknown>;

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
  const handlers: { [M in ApiMethod]: (params: never) => Promise<ApiResults[M]> } = {
    status: () => service.status(sysroot),
    remotes: () => service.remotes(target),
    refs: (p: { remote: string; refresh?: boolean }) => service.refs(target, p.remote, p.refresh === true),
    log: (p: { rev: string; limit?: number }) => service.log(target, p.rev, p.limit ?? 50),
    history: () => service.history(sysroot),
    checkUpdate: () => service.checkUpdate(sysroot),
    diff: (p: { from: string; to: string; changelogs?: boolean; files?: boolean }) =>
      service.diffs.diff(target, p.from, p.to, { changelogs: p.changelogs ?? true, files: p.files === true }),
    previewUpdate: () => preview(undefined),
    previewSwitch: (p: { refspec: string }) => preview(p.refspec),
    rollback: () => service.change('rollback', { target }),
    pin: (p: { index: number; pinned: boolean }) => service.change('pin', { target, ...p }),
    switch: (p: { refspec: string }) => service.change('switch', { target, refspec: p.refspec }),
    upgrade: () => service.change('upgrade', { target }),
    deploy: (p: { checksum: string }) => service.change('deploy', { target, commit: { checksum: p.checksum } }),
  };
  return async (method, params) => {
    if (!isApiMethod(method)) throw new EngineError('invalid-argument', `unknown method ${method}`);
    const parsed = apiSchemas[method].safeParse(params ?? {});
    if (!parsed.success) throw new EngineError('invalid-argument', describeIssues(parsed.error));
    return handlers[method](parsed.data as never);
  };
}
