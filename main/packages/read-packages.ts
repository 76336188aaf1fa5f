// A commit's package list from each kind of database, ordered by name then arch.
import type { PackageTuple } from '../../helper/protocol';
import { readDpkgStatus } from './dpkg-status';
import { byNameThenArch, rpmEvr, type Package } from './package-model';
import { parseRpmHeader, type RpmIdentity, type RpmPackage } from './rpm-header';
import { SqliteTables } from './sqlite-table';

/** The source package's name: the source rpm's file name without -version-release.src.rpm. */
function sourceName(sourcerpm: string): string {
  return sourcerpm.replace(/-[^-]+-[^-]+\.(?:no)?src\.rpm$/, '');
}

/** Canopy's package of what was read of an rpm header: all of it, or only its identity. */
export function packageOf(header: RpmIdentity | RpmPackage): Package {
  const epoch = header.epoch === undefined ? undefined : String(header.epoch);
  const pkg: Package = { name: header.name, arch: header.arch, evr: rpmEvr(epoch, header.version, header.release), version: header.version, release: header.release };
  if ('summary' in header) {
    pkg.summary = header.summary;
    pkg.size = header.size;
  }
  if (epoch !== undefined) pkg.epoch = epoch;
  if ('sourcerpm' in header && header.sourcerpm) pkg.source = sourceName(header.sourcerpm);
  if (header.changelogTime !== undefined) pkg.changelogTime = header.changelogTime;
  if ('changelog' in header && header.changelog) pkg.changelog = header.changelog;
  return pkg;
}

export function parseRpmdbSqlite(file: Buffer, withChangelogs: boolean): Package[] {
  const packages: Package[] = [];
  new SqliteTables(file).forEachBlob('Packages', (blob) => {
    const header = parseRpmHeader(blob, { changelog: withChangelogs });
    // rpm keeps imported signing keys as pseudo packages; they are not software.
    if (header.name !== 'gpg-pubkey') packages.push(packageOf(header));
  });
  return packages.sort(byNameThenArch);
}

export function parseDpkgStatus(text: string): Package[] {
  return readDpkgStatus(text).sort(byNameThenArch);
}

export function fromPkglist(tuples: PackageTuple[]): Package[] {
  return tuples
    .map(([name, epoch, version, release, arch]): Package => ({ name, arch, evr: rpmEvr(epoch, version, release), epoch, version, release }))
    .sort(byNameThenArch);
}
