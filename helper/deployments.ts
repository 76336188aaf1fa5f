// The deployments of a sysroot as Canopy shows them: roles, origins and the commit facts that matter.
import type GLib from 'gi://GLib';
import type OSTree from 'gi://OSTree';
import { describeCommit, loadCommit } from './commit-metadata';
import type { Deployment, OriginKind } from './protocol';

function keyValue(origin: GLib.KeyFile, group: string, key: string): string | null {
  try {
    return origin.get_string(group, key);
  } catch {
    return null; // GKeyFile throws for a missing group or key; has_key is not introspectable.
  }
}

function listValue(origin: GLib.KeyFile, group: string, key: string): string[] {
  return (keyValue(origin, group, key) ?? '').split(';').filter((item) => item.length > 0);
}

interface DescribedOrigin {
  origin: string | null;
  originKind: OriginKind;
  layered: Deployment['layered'];
}

/**
 * Origin keys beyond the refspec, the layering lists read above and libostree's own state (unlock, and the pin kept in
 * the libostree-transient group), as group.key.
 */
function otherSettings(origin: GLib.KeyFile): string[] {
  const known = new Set(['origin.refspec', 'origin.baserefspec', 'origin.unlocked', 'packages.requested', 'packages.requested-local', 'overrides.remove', 'overrides.replace-local']);
  const [groups] = origin.get_groups();
  return groups
    .filter((group) => group !== 'libostree-transient')
    .flatMap((group) => origin.get_keys(group)[0].map((key) => `${group}.${key}`)).filter((name) => !known.has(name));
}

/** What the origin file says the deployment follows; rpm-ostree and container origins are kept for what they are. */
export function describeOrigin(origin: GLib.KeyFile | null): DescribedOrigin {
  if (!origin) return { origin: null, originKind: 'unknown', layered: null };
  const image = keyValue(origin, 'origin', 'container-image-reference');
  if (image) return { origin: image, originKind: 'container-image', layered: null };
  const layered = {
    packages: listValue(origin, 'packages', 'requested'),
    localPackages: listValue(origin, 'packages', 'requested-local'),
    removed: listValue(origin, 'overrides', 'remove'),
    replaced: listValue(origin, 'overrides', 'replace-local'),
    // Anything else rpm-ostree keeps in the origin (initramfs regeneration and arguments, kernel modules, an
    // overridden commit...): a plain deploy would write a bare refspec and drop it.
    settings: otherSettings(origin),
  };
  const base = keyValue(origin, 'origin', 'baserefspec');
  const hasLayers = Object.values(layered).some((list) => list.length > 0);
  if (base || hasLayers) {
    return { origin: base ?? keyValue(origin, 'origin', 'refspec'), originKind: 'rpm-ostree-layered', layered };
  }
  const refspec = keyValue(origin, 'origin', 'refspec');
  return refspec
    ? { origin: refspec, originKind: 'refspec', layered: null }
    : { origin: null, originKind: 'unknown', layered: null };
}

/**
 * The deployment the roles are relative to: the booted one, or the default one in a sysroot that is not booted
 * (an image being prepared, or a test sysroot).
 */
export function referenceDeployment(sysroot: OSTree.Sysroot): OSTree.Deployment | null {
  return sysroot.get_booted_deployment() ?? sysroot.get_deployments()[0] ?? null;
}

export function deploymentRoles(sysroot: OSTree.Sysroot): Map<number, 'pending' | 'rollback'> {
  const roles = new Map<number, 'pending' | 'rollback'>();
  const deployments = sysroot.get_deployments();
  const reference = referenceDeployment(sysroot);
  if (!reference) return roles;
  const at = deployments.findIndex((d) => d.equal(reference));
  const osname = reference.get_osname();
  const pending = deployments.slice(0, at).find((d) => d.get_osname() === osname);
  const rollback = deployments.slice(at + 1).find((d) => d.get_osname() === osname);
  if (pending) roles.set(pending.get_index(), 'pending');
  if (rollback) roles.set(rollback.get_index(), 'rollback');
  return roles;
}

export function deploymentId(deployment: OSTree.Deployment): string {
  return `${deployment.get_osname()}-${deployment.get_csum()}.${String(deployment.get_deployserial())}`;
}

export function describeDeployments(sysroot: OSTree.Sysroot): Deployment[] {
  const repo = sysroot.repo();
  const booted = sysroot.get_booted_deployment();
  const roles = deploymentRoles(sysroot);
  return sysroot.get_deployments().map((deployment) => {
    const checksum = deployment.get_csum();
    const variant = loadCommit(repo, checksum);
    const commit = variant ? describeCommit(checksum, variant) : null;
    return {
      id: deploymentId(deployment),
      index: deployment.get_index(),
      osname: deployment.get_osname(),
      checksum,
      serial: deployment.get_deployserial(),
      bootserial: deployment.get_bootserial(),
      version: commit?.version ?? null,
      timestamp: commit?.timestamp ?? null,
      ...describeOrigin(deployment.get_origin()),
      booted: booted ? deployment.equal(booted) : false,
      pinned: deployment.is_pinned(),
      staged: deployment.is_staged(),
      role: roles.get(deployment.get_index()) ?? null,
      endOfLife: commit?.endOfLife ?? null,
    };
  });
}
