// Added, removed, upgraded and downgraded packages between two lists. A package is (name, arch), so the two
// halves of a multilib pair are two packages.
import { byNameThenArch, type Package, type PackageChange, type PackageDiff, type PackageList } from './package-model';
import { compareDebianVersions, compareRpmEvr, type Order } from './version-compare';

function compare(source: PackageList['source'], a: Package, b: Package): Order {
  if (source === 'dpkg') return compareDebianVersions(a.evr, b.evr);
  return compareRpmEvr({ epoch: a.epoch, version: a.version ?? '', release: a.release ?? '' }, { epoch: b.epoch, version: b.version ?? '', release: b.release ?? '' });
}

export function diffPackages(from: PackageList, to: PackageList): PackageDiff {
  const key = (p: Package): string => `${p.name}\0${p.arch}`;
  const before = new Map(from.packages.map((p) => [key(p), p]));
  const diff: PackageDiff = { added: [], removed: [], upgraded: [], downgraded: [] };
  for (const pkg of to.packages) {
    const old = before.get(key(pkg));
    if (!old) {
      diff.added.push(pkg);
      continue;
    }
    before.delete(key(pkg));
    if (old.evr === pkg.evr) continue;
    const order = compare(to.source, pkg, old);
    const change: PackageChange = { name: pkg.name, arch: pkg.arch, from: old.evr, to: pkg.evr };
    if (order > 0) diff.upgraded.push(change);
    else if (order < 0) diff.downgraded.push(change);
  }
  diff.removed = [...before.values()].sort(byNameThenArch);
  diff.added.sort(byNameThenArch);
  return diff;
}
