// The engine's verbs: each validated request goes to one handler, which calls libostree.
import { EngineError, messageOf } from './engine-error';
import { readLog } from './commits';
import { describeDeployments } from './deployments';
import { remoteRefs, listRemotes, requireRemote } from './remotes';
import { verifyCommit } from './signatures';
import { openRepo, openSysroot, resolveCommit } from './targets';
import { describeIssues, isMethod, requestParams, type Method, type ParsedParams, type Results, type Target } from './protocol';
import type { RequestContext } from './request-context';
import { packageDatabase } from './package-database';
import { diffCommitTrees } from './commit-tree';
import { readHistory } from './history';
import { changeHandlers } from './tree-changes';
import { checkUpdate, fetchPreview, remoteLog } from './update-check';

type Handler<M extends Method> = (params: ParsedParams<M>, context: RequestContext) => Results[M] | Promise<Results[M]>;
type Handlers = { [M in Method]: Handler<M> };

const handlers: Handlers = {
  status: ({ target }) => ({ sysroot: target.path, deployments: describeDeployments(openSysroot(target.path)) }),
  remotes: ({ target }) => ({ remotes: listRemotes(openRepo(target)) }),
  refs: ({ target, remote, cacheDir, refresh }) => remoteRefs(openRepo(target), remote, cacheDir, refresh),
  log: ({ target, rev, limit }) => {
    const repo = openRepo(target);
    return readLog(repo, resolveCommit(repo, rev), limit);
  },
  verify: ({ target, rev, remote }) => {
    const repo = openRepo(target);
    const checksum = resolveCommit(repo, rev);
    const named = remote ?? (rev.includes(':') ? rev.slice(0, rev.indexOf(':')) : null);
    if (named) requireRemote(repo, named);
    return verifyCommit(repo, checksum, named);
  },
  resolve: ({ target, rev }) => ({ checksum: resolveCommit(openRepo(target), rev) }),
  packageDatabase: ({ target, rev, cacheDir }) => {
    const repo = openRepo(target);
    return packageDatabase(repo, resolveCommit(repo, rev), cacheDir);
  },
  fileDiff: ({ target, from, to }) => {
    const repo = openRepo(target);
    return diffCommitTrees(repo, resolveCommit(repo, from), resolveCommit(repo, to));
  },
  history: ({ target, limit }) => ({ entries: readHistory(openSysroot(target.path), limit) }),
  checkUpdate: ({ target, cacheDir }, context) => checkUpdate(openSysroot(target.path), cacheDir, context),
  fetchPreview: ({ target, cacheDir, refspec }, context) =>
    fetchPreview(openSysroot(target.path), cacheDir, refspec ?? null, context),
  remoteLog: ({ target, cacheDir, refspec, limit }, context) => remoteLog(openSysroot(target.path), cacheDir, refspec, limit, context),
  ...changeHandlers,
};

/** Checks a valid request before it runs: the privileged helper refuses verbs and sysroots it was not allowed. */
export type RequestGuard = (method: Method, target: Target) => void;

/** Validates a request's parameters against the shared schema and runs its handler. */
export async function handle(method: string, params: unknown, context: RequestContext, guard?: RequestGuard): Promise<unknown> {
  if (!isMethod(method)) throw new EngineError('invalid-argument', `unknown method ${method}`);
  const parsed = requestParams[method].safeParse(params);
  if (!parsed.success) throw new EngineError('invalid-argument', describeIssues(parsed.error));
  guard?.(method, parsed.data.target);
  const handler: Handler<Method> = handlers[method];
  try {
    return await handler(parsed.data, context);
  } catch (error) {
    if (error instanceof EngineError) throw error;
    throw new EngineError('internal', messageOf(error));
  }
}
