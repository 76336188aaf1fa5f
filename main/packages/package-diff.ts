// Added, removed, upgraded and downgraded packages between two lists. A package is (name, arch), so the two
// halves of a multilib pair are two packages.
import { byNameThenArch, type Package, type PackageChange, type PackageDiff, type PackageList } from './package-model';
import { compareDebianVersions, compareRpmEvr, type Order } from './version-compare';

function comparer(source: PackageList['source']): (a: Package, b: Package) => Order {
  if (source === 'dpkg') return (a, b) => compareDebianVersions(a.evr, b.evr);
  return (a, b) =>
    compareRpmEvr({ epoch: a.epoch, version: a.version ?? '', release: a.release ?? '' }, { epoch: b.epoch, version: b.version ?? '', release: b.release ?? '' });
}

function classify(diff: PackageDiff, from: Package, to: Package, order: Order): void {
  if (order === 0) return; // Spelled differently, equal for the package manager (1.0 and 1.00).
  const change: PackageChange = { name: to.name, arch: to.arch, from: from.evr, to: to.evr };
  (order > 0 ? diff.upgraded : diff.downgraded).push(change);
}

/** Where the run of packages of one (name, arch) that starts at `start` ends. */
function runEnd(packages: Package[], start: number): number {
  let end = start + 1;
  while (end < packages.length && byNameThenArch(packages[start] as Package, packages[end] as Package) === 0) end++;
  return end;
}

/** The two lists are walked side by side, so both must be ordered by name then arch, as every PackageList is: no
 * maps, and the changes come out in that order too. */
export function diffPackages(from: PackageList, to: PackageList): PackageDiff {
  const compare = comparer(to.source);
  const diff: PackageDiff = { added: [], removed: [], upgraded: [], downgraded: [] };
  const before = from.packages;
  const after = to.packages;
  for (let i = 0, j = 0; i < before.length || j < after.length; ) {
    const gone = before[i];
    const next = after[j];
    const order = gone && next ? byNameThenArch(gone, next) : gone ? -1 : 1;
    const oldEnd = order <= 0 ? runEnd(before, i) : i;
    const newEnd = order >= 0 ? runEnd(after, j) : j;
    const single = gone && next && oldEnd === i + 1 && newEnd === j + 1;
    const old = single ? [] : before.slice(i, oldEnd);
    const fresh = single ? [] : after.slice(j, newEnd);
    i = oldEnd;
    j = newEnd;
    // The common case, one version on each side, without the arrays below.
    if (single) {
      if (gone.evr !== next.evr) classify(diff, gone, next, compare(next, gone));
      continue;
    }
    // rpm installs several versions of install-only packages (kernels) side by side: versions on both sides are
    // unchanged, and only a lone version left on each side is an upgrade or a downgrade.
    const same = (a: Package, b: Package): boolean => a.evr === b.evr || compare(a, b) === 0;
    const added = fresh.filter((p) => !old.some((o) => same(o, p)));
    const removed = old.filter((o) => !fresh.some((p) => same(o, p)));
    const [lone] = removed;
    const [arrived] = added;
    if (lone && arrived && removed.length === 1 && added.length === 1) {
      classify(diff, lone, arrived, compare(arrived, lone));
    } else {
      diff.added.push(...added);
      diff.removed.push(...removed);
    }
  }
  return diff;
}
