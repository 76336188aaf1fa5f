// A commit's package list from each kind of database, ordered by name then arch.
import type { PackageTuple } from '../../helper/protocol';
import { readDpkgStatus } from './dpkg-status';
import { byNameThenArch, rpmEvr, type Package } from './package-model';
import { parseRpmHeader, type RpmPackage } from './rpm-header';
import { SqliteTables } from './sqlite-table';

/** The source package's name: the source rpm's file name without -version-release.src.rpm. */
function sourceName(sourcerpm: string): string {
  return sourcerpm.replace(/-[^-]+-[^-]+\.(?:no)?src\.rpm$/, '');
}

function rpmPackage(header: RpmPackage): Package {
  const epoch = header.epoch === undefined ? undefined : String(header.epoch);
  const pkg: Package = {
    name: header.name,
    arch: header.arch,
    evr: rpmEvr(epoch, header.version, header.release),
    version: header.version,
    release: header.release,
    summary: header.summary,
    size: header.size,
  };
  if (epoch !== undefined) pkg.epoch = epoch;
  if (header.sourcerpm) pkg.source = sourceName(header.sourcerpm);
  if (header.changelogTime !== undefined) pkg.changelogTime = header.changelogTime;
  if (header.changelog) pkg.changelog = header.changelog;
  return pkg;
}

/** The packages of an rpm database whose row number (hnum) is `wanted`, ordered by name then arch. */
function rpmdbPackages(tables: SqliteTables, withChangelogs: boolean, wanted?: (hnum: number) => boolean): Package[] {
  const packages: Package[] = [];
  tables.forEachBlob(
    'Packages',
    (blob) => {
      const header = parseRpmHeader(blob, { changelog: withChangelogs });
      // rpm keeps imported signing keys as pseudo packages; they are not software.
      if (header.name !== 'gpg-pubkey') packages.push(rpmPackage(header));
    },
    wanted,
  );
  return packages.sort(byNameThenArch);
}

export function parseRpmdbSqlite(file: Buffer, withChangelogs: boolean): Package[] {
  return rpmdbPackages(new SqliteTables(file), withChangelogs);
}

/** Calls visit with each package's SHA1HEADER digest and hnum, from rpm's own index of them, if the database has
 * it. */
function forEachDigest(tables: SqliteTables, visit: (digest: string, hnum: number) => void): void {
  if (!tables.has('Sha1header')) return;
  tables.forEachRow('Sha1header', 2, ([digest, hnum]) => {
    if (typeof digest === 'string' && typeof hnum === 'number') visit(digest, hnum);
  });
}

/**
 * The packages of two rpm databases less those in both: what a diff between them needs. A package's SHA1HEADER
 * digest covers its whole immutable header (name, version, release, arch and all), so a digest found in both
 * databases is the same package on both sides, and its header need not be read at all; between two builds of an
 * OS most packages are unchanged. A package without a digest in rpm's index is always read.
 */
export function rpmdbDifference(before: Buffer, after: Buffer, withChangelogs: boolean): [before: Package[], after: Package[]] {
  const beforeTables = new SqliteTables(before);
  const afterTables = new SqliteTables(after);
  const beforeByDigest = new Map<string, number>();
  forEachDigest(beforeTables, (digest, hnum) => beforeByDigest.set(digest, hnum));
  const sameBefore = new Set<number>();
  const sameAfter = new Set<number>();
  forEachDigest(afterTables, (digest, hnum) => {
    const before = beforeByDigest.get(digest);
    if (before === undefined) return;
    sameBefore.add(before);
    sameAfter.add(hnum);
  });
  return [rpmdbPackages(beforeTables, false, (hnum) => !sameBefore.has(hnum)), rpmdbPackages(afterTables, withChangelogs, (hnum) => !sameAfter.has(hnum))];
}

export function parseDpkgStatus(text: string): Package[] {
  return readDpkgStatus(text).sort(byNameThenArch);
}

export function fromPkglist(tuples: PackageTuple[]): Package[] {
  return tuples
    .map(([name, epoch, version, release, arch]): Package => ({ name, arch, evr: rpmEvr(epoch, version, release), epoch, version, release }))
    .sort(byNameThenArch);
}
