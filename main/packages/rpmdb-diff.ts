// A package diff between two rpm databases that reads as little of them as it can. Packages installed from the same
// build on both sides are not read at all, the others only for what tells them apart, and only what the diff shows
// is read whole: the details of added and removed packages, and the changelogs of upgrades. Between two builds of an
// OS most packages are the same build, and most of the rest are upgrades shown by name and version.
import { addChangelogs } from './changelogs';
import { diffPackages } from './package-diff';
import { byNameThenArch, type Package, type PackageDiff } from './package-model';
import { packageOf } from './read-packages';
import { parseRpmHeader, readRpmIdentity } from './rpm-header';
import { SqliteTables, type Bytes } from './sqlite-table';

/** One database's packages that are not in the other, by identity only, with the header each was read from. */
interface Changed {
  packages: Package[];
  headers: Map<Package, Bytes>;
}

/** Calls visit with each package's SHA1HEADER digest and hnum, from rpm's own index of them if the database has
 * it. */
function forEachDigest(tables: SqliteTables, visit: (digest: string, hnum: number) => void): void {
  if (!tables.has('Sha1header')) return;
  tables.forEachRow('Sha1header', 2, ([digest, hnum]) => {
    if (typeof digest === 'string' && typeof hnum === 'number') visit(digest, hnum);
  });
}

function changedPackages(tables: SqliteTables, same: Set<number>): Changed {
  const changed: Changed = { packages: [], headers: new Map() };
  tables.forEachBlob(
    'Packages',
    (blob) => {
      const pkg = packageOf(readRpmIdentity(blob));
      // rpm keeps imported signing keys as pseudo packages; they are not software.
      if (pkg.name === 'gpg-pubkey') return;
      changed.packages.push(pkg);
      changed.headers.set(pkg, blob);
    },
    (hnum) => !same.has(hnum),
  );
  changed.packages.sort(byNameThenArch);
  return changed;
}

/**
 * Each database's packages less those in both. A SHA1HEADER digest covers a package's whole immutable header (name,
 * version, release, arch and all), so a digest found in both databases is the same package on both sides. A package
 * without a digest in rpm's index is always read. The index is trusted as rpm itself trusts it: a tree whose index
 * lies about its headers could hide a change from this diff, as it could lie in the headers themselves.
 */
export function changedInRpmdbs(before: Buffer, after: Buffer): [before: Changed, after: Changed] {
  const beforeTables = new SqliteTables(before);
  const afterTables = new SqliteTables(after);
  // A digest can be there twice (a package recorded twice by an interrupted transaction): every copy is the same.
  const beforeByDigest = new Map<string, number[]>();
  forEachDigest(beforeTables, (digest, hnum) => {
    const hnums = beforeByDigest.get(digest);
    if (hnums) hnums.push(hnum);
    else beforeByDigest.set(digest, [hnum]);
  });
  const sameBefore = new Set<number>();
  const sameAfter = new Set<number>();
  forEachDigest(afterTables, (digest, hnum) => {
    const before = beforeByDigest.get(digest);
    if (!before) return;
    for (const same of before) sameBefore.add(same);
    sameAfter.add(hnum);
  });
  return [changedPackages(beforeTables, sameBefore), changedPackages(afterTables, sameAfter)];
}

export function diffRpmdbs(before: Buffer, after: Buffer, withChangelogs: boolean): PackageDiff {
  const [old, fresh] = changedInRpmdbs(before, after);
  const diff = diffPackages({ source: 'rpmdb', packages: old.packages }, { source: 'rpmdb', packages: fresh.packages });
  const whole = (side: Changed, pkg: Package, changelog: boolean): Package => {
    const header = side.headers.get(pkg);
    return header ? packageOf(parseRpmHeader(header, { changelog })) : pkg;
  };
  diff.added = diff.added.map((pkg) => whole(fresh, pkg, false));
  diff.removed = diff.removed.map((pkg) => whole(old, pkg, false));
  if (withChangelogs) addChangelogs(diff, old.packages, fresh.packages, (pkg) => whole(fresh, pkg, true).changelog);
  return diff;
}
