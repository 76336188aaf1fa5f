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

export function diffPackages(from: PackageList, to: PackageList): PackageDiff {
  const compare = comparer(to.source);
  const before = group(from.packages);
  const diff: PackageDiff = { added: [], removed: [], upgraded: [], downgraded: [] };
  for (const [name, after] of group(to.packages)) {
    const old = before.get(name) ?? [];
    before.delete(name);
    // rpm installs several versions of install-only packages (kernels) side by side: versions on both sides are
    // unchanged, and only a lone version left on each side is an upgrade or a downgrade.
    const same = (a: Package, b: Package): boolean => a.evr === b.evr || compare(a, b) === 0;
    const added = after.filter((p) => !old.some((o) => same(o, p)));
    const removed = old.filter((o) => !after.some((p) => same(o, p)));
    const [gone] = removed;
    const [next] = added;
    if (gone && next && removed.length === 1 && added.length === 1) {
      const change: PackageChange = { name: next.name, arch: next.arch, from: gone.evr, to: next.evr };
      (compare(next, gone) > 0 ? diff.upgraded : diff.downgraded).push(change);
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
