// Added, removed, upgraded and downgraded packages between two lists. A package is (name, arch), so the two
// halves of a multilib pair are two packages.
import { byNameThenArch, type Package, type PackageChange, type PackageDiff, type PackageList } from './package-model';
import { compareDebianVersions, compareRpmEvr, type Order } from './version-compare';

const key = (p: Package): string => `${p.name}\0${p.arch}`;

function comparer(source: PackageList['source']): (a: Package, b: Package) => Order {
  if (source === 'dpkg') return (a, b) => compareDebianVersions(a.evr, b.evr);
  return (a, b) =>
    compareRpmEvr({ epoch: a.epoch, version: a.version ?? '', release: a.release ?? '' }, { epoch: b.epoch, version: b.version ?? '', release: b.release ?? '' });
}

function group(packages: Package[]): Map<string, Package[]> {
  const groups = new Map<string, Package[]>();
  for (const pkg of packages) {
    const list = groups.get(key(pkg));
    if (list) list.push(pkg);
    else groups.set(key(pkg), [pkg]);
  }
  return groups;
}

function classify(diff: PackageDiff, from: Package, to: Package, order: Order): void {
  if (order === 0) return; // Spelled differently, equal for the package manager (1.0 and 1.00).
  const change: PackageChange = { name: to.name, arch: to.arch, from: from.evr, to: to.evr };
  (order > 0 ? diff.upgraded : diff.downgraded).push(change);
}

export function diffPackages(from: PackageList, to: PackageList): PackageDiff {
  const compare = comparer(to.source);
  const before = group(from.packages);
  const diff: PackageDiff = { added: [], removed: [], upgraded: [], downgraded: [] };
  for (const [name, after] of group(to.packages)) {
    const old = before.get(name) ?? [];
    before.delete(name);
    const [gone] = old;
    const [next] = after;
    // The common case, one version on each side, without the arrays below.
    if (gone && next && old.length === 1 && after.length === 1) {
      if (gone.evr !== next.evr) classify(diff, gone, next, compare(next, gone));
      continue;
    }
    // rpm installs several versions of install-only packages (kernels) side by side: versions on both sides are
    // unchanged, and only a lone version left on each side is an upgrade or a downgrade.
    const same = (a: Package, b: Package): boolean => a.evr === b.evr || compare(a, b) === 0;
    const added = after.filter((p) => !old.some((o) => same(o, p)));
    const removed = old.filter((o) => !after.some((p) => same(o, p)));
    const [lone] = removed;
    const [fresh] = added;
    if (lone && fresh && removed.length === 1 && added.length === 1) {
      classify(diff, lone, fresh, compare(fresh, lone));
    } else {
      diff.added.push(...added);
      diff.removed.push(...removed);
    }
  }
  for (const old of before.values()) diff.removed.push(...old);
  diff.added.sort(byNameThenArch);
  diff.removed.sort(byNameThenArch);
  diff.upgraded.sort(byNameThenArch);
  diff.downgraded.sort(byNameThenArch);
  return diff;
}
