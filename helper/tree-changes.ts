// The changes: rollback and pin reorder or mark deployments; switch, upgrade and deploy pull a commit and deploy it
// as the new default, keeping the current deployment as the rollback; cleanup removes the others.
import OSTree from 'gi://OSTree';
import { readLog } from './commits';
import { loadCommit, metadataString } from './commit-metadata';
import { describeOrigin, deploymentRoles, referenceDeployment } from './deployments';
import { runChange, type ChangeOutcome, type ChangeRecord } from './change-session';
import { EngineError } from './engine-error';
import type { ChangeResult, ParsedParams } from './protocol';
import { pull, splitRefspec, type PullRequest } from './pull';
import { requireRemote } from './remotes';
import type { RequestContext } from './request-context';

function refuseStaged(sysroot: OSTree.Sysroot, what: string): void {
  if (sysroot.get_staged_deployment()) {
    throw new EngineError('staged-deployment', `cannot ${what} while a staged deployment waits for reboot`);
  }
}

function currentDeployment(sysroot: OSTree.Sysroot): OSTree.Deployment {
  const current = referenceDeployment(sysroot);
  if (!current) throw new EngineError('not-found', 'the sysroot has no deployment');
  return current;
}

/** The refspec the current deployment follows, refusing origins that a plain deploy would flatten. */
function followedRefspec(deployment: OSTree.Deployment, verb: string): string {
  const origin = describeOrigin(deployment.get_origin());
  if (origin.originKind === 'rpm-ostree-layered') {
    const layers = Object.values(origin.layered ?? {}).flat().join(', ');
    throw new EngineError(
      'layered-deployment',
      `cannot ${verb}: the deployment has rpm-ostree layered packages, overrides or settings (${layers}); use rpm-ostree so they are kept`,
    );
  }
  if (origin.originKind === 'container-image') {
    throw new EngineError('layered-deployment', `cannot ${verb}: the deployment follows a container image (${origin.origin ?? ''}); use bootc or rpm-ostree`);
  }
  if (!origin.origin) throw new EngineError('not-found', `cannot ${verb}: the deployment has no origin refspec`);
  return origin.origin;
}

function deployCommit(
  sysroot: OSTree.Sysroot,
  refspec: string,
  checksum: string,
  record: ChangeRecord,
  context: RequestContext,
): void {
  const current = currentDeployment(sysroot);
  const osname = current.get_osname();
  const merge = sysroot.get_merge_deployment(osname);
  const origin = sysroot.origin_new_from_refspec(refspec);
  record.writing = true;
  const [, deployment] = sysroot.deploy_tree(osname, checksum, origin, merge, null, context.cancellable);
  sysroot.simple_write_deployment(osname, deployment, merge, OSTree.SysrootSimpleWriteDeploymentFlags.NONE, context.cancellable);
}

/** A fetch writes to the system repository as root: from then on the change is journaled, whatever its outcome. */
function fetchForChange(repo: OSTree.Repo, request: PullRequest, record: ChangeRecord, context: RequestContext): void {
  record.attempted = true;
  pull(repo, request, context);
}

function pullAndDeploy(
  sysroot: OSTree.Sysroot,
  refspec: string,
  commit: string | null,
  record: ChangeRecord,
  context: RequestContext,
): ChangeOutcome {
  const repo = sysroot.repo();
  const { remote, ref } = splitRefspec(refspec);
  requireRemote(repo, remote);
  fetchForChange(repo, { remote, ref, ...(commit ? { commit } : {}) }, record, context);
  const checksum = commit ?? repo.resolve_rev(refspec, false)[1];
  if (!checksum) throw new EngineError('not-found', `${refspec} has no commit after the fetch`);
  record.to = checksum;
  if (checksum === record.from && describeOrigin(currentDeployment(sysroot).get_origin()).origin === refspec) {
    return { changed: false, message: `already on ${checksum.slice(0, 10)}` };
  }
  context.progress({ phase: 'deploying', fetched: 0, requested: 0, bytes: 0, totalBytes: null, rate: 0, message: 'deploying' });
  deployCommit(sysroot, refspec, checksum, record, context);
  const variant = loadCommit(repo, checksum);
  const version = variant ? metadataString(variant, 'version') : null;
  return { changed: true, message: `deployed ${version ?? checksum.slice(0, 10)} from ${refspec}; reboot to use it` };
}

type ChangeHandlers = {
  [M in 'rollback' | 'pin' | 'switch' | 'upgrade' | 'deploy' | 'cleanup']: (
    params: ParsedParams<M>,
    context: RequestContext,
  ) => Promise<ChangeResult>;
};

export const changeHandlers: ChangeHandlers = {
  rollback: ({ target }, context) =>
    runChange('rollback', target.path, context, (sysroot, record) => {
      refuseStaged(sysroot, 'roll back');
      const deployments = sysroot.get_deployments();
      const roles = deploymentRoles(sysroot);
      const current = currentDeployment(sysroot);
      const rollback = deployments.find((d) => roles.get(d.get_index()) === 'rollback');
      const pending = deployments.find((d) => roles.get(d.get_index()) === 'pending');
      // Like rpm-ostree: the rollback deployment becomes the default; with only a pending one, the booted one does.
      const chosen = rollback ?? (pending ? current : null);
      if (!chosen) throw new EngineError('not-found', 'there is no rollback deployment');
      record.from = deployments[0]?.get_csum() ?? null;
      record.to = chosen.get_csum();
      record.writing = true;
      sysroot.write_deployments([chosen, ...deployments.filter((d) => !d.equal(chosen))], context.cancellable);
      return { changed: true, message: `${chosen.get_csum().slice(0, 10)} is now the default for the next boot` };
    }),
  pin: ({ target, index, pinned }, context) =>
    runChange('pin', target.path, context, (sysroot, record) => {
      const deployments = sysroot.get_deployments();
      const deployment = deployments[index];
      if (!deployment) {
        throw new EngineError('invalid-argument', `deployment index ${String(index)} is out of range (0..${String(deployments.length - 1)})`);
      }
      if (deployment.is_staged()) throw new EngineError('staged-deployment', 'a staged deployment cannot be pinned');
      record.from = deployment.get_csum();
      record.to = deployment.get_csum();
      record.detail = `${pinned ? 'pin' : 'unpin'} deployment ${String(index)}`;
      if (deployment.is_pinned() === pinned) {
        return { changed: false, message: `deployment ${String(index)} is already ${pinned ? 'pinned' : 'unpinned'}` };
      }
      record.writing = true;
      sysroot.deployment_set_pinned(deployment, pinned);
      return { changed: true, message: `deployment ${String(index)} ${pinned ? 'pinned' : 'unpinned'}` };
    }),
  switch: ({ target, refspec }, context) =>
    runChange('switch', target.path, context, (sysroot, record) => {
      const current = currentDeployment(sysroot);
      record.from = current.get_csum();
      record.refspec = refspec;
      followedRefspec(current, 'switch');
      return pullAndDeploy(sysroot, refspec, null, record, context);
    }),
  upgrade: ({ target }, context) =>
    runChange('upgrade', target.path, context, (sysroot, record) => {
      const current = currentDeployment(sysroot);
      record.from = current.get_csum();
      const refspec = followedRefspec(current, 'update');
      record.refspec = refspec;
      const outcome = pullAndDeploy(sysroot, refspec, null, record, context);
      return outcome.changed ? outcome : { changed: false, message: `${refspec} is up to date` };
    }),
  deploy: ({ target, commit }, context) =>
    runChange('deploy', target.path, context, (sysroot, record) => {
      const current = currentDeployment(sysroot);
      record.from = current.get_csum();
      const refspec = followedRefspec(current, 'deploy');
      record.refspec = refspec;
      if ('checksum' in commit) {
        record.detail = `commit ${commit.checksum}`;
        return pullAndDeploy(sysroot, refspec, commit.checksum, record, context);
      }
      record.detail = `version ${commit.version}`;
      const repo = sysroot.repo();
      const { remote, ref } = splitRefspec(refspec);
      fetchForChange(repo, { remote, ref, commitOnly: true, depth: -1 }, record, context);
      const tip = repo.resolve_rev(refspec, false)[1];
      const match = tip ? readLog(repo, tip, 100_000).commits.find((c) => c.version === commit.version) : undefined;
      if (!match) throw new EngineError('not-found', `no commit of ${refspec} has version ${commit.version}`);
      return pullAndDeploy(sysroot, refspec, match.checksum, record, context);
    }),
  cleanup: ({ target }, context) =>
    runChange('cleanup', target.path, context, (sysroot, record) => {
      refuseStaged(sysroot, 'clean up');
      const deployments = sysroot.get_deployments();
      const current = currentDeployment(sysroot);
      const kept = deployments.filter((d) => d.equal(current) || d.is_pinned() || d.get_osname() !== current.get_osname());
      record.from = deployments[0]?.get_csum() ?? null;
      record.to = kept[0]?.get_csum() ?? null;
      record.detail = `removed ${String(deployments.length - kept.length)} deployment(s)`;
      record.writing = true;
      if (kept.length !== deployments.length) sysroot.write_deployments(kept, context.cancellable);
      sysroot.cleanup(context.cancellable);
      return { changed: true, message: `removed ${String(deployments.length - kept.length)} deployment(s) and unused objects` };
    }),
};
