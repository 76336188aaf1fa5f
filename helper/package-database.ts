// Where a commit keeps its package list: rpm-ostree's pkglist metadata, the rpm database in the tree, or dpkg's
// status file. Databases are handed to the Node side as a file object to read in place (see databaseFile).
import Gio from 'gi://Gio';
import OSTree from 'gi://OSTree';
import { loadCommit } from './commit-metadata';
import { findFileInCommit, hasTree } from './commit-tree';
import { EngineError } from './engine-error';
import { spliceFileAtomically } from './files';
import type { DatabaseFile, PackageDatabaseResult, PackageTuple } from './protocol';

const RPMDB_LOCATIONS: { path: string; format: 'sqlite' | 'bdb' }[] = [
  { path: 'usr/share/rpm/rpmdb.sqlite', format: 'sqlite' },
  { path: 'usr/lib/sysimage/rpm/rpmdb.sqlite', format: 'sqlite' },
  { path: 'usr/share/rpm/Packages', format: 'bdb' },
  { path: 'usr/lib/sysimage/rpm/Packages', format: 'bdb' },
];
const DPKG_LOCATIONS = ['usr/share/dpkg/database/status', 'var/lib/dpkg/status'];

/**
 * Where a file object's bytes are. Bare repositories keep them as a plain file. Archive ones keep a deflate stream
 * after a header ([u32 BE header length][u32 padding][header]); the Node side inflates it natively, several times
 * faster than a copy made here. Anything else is extracted once into the user's cache, named by its checksum.
 */
function databaseFile(repo: OSTree.Repo, fileChecksum: string, cacheDir: string): DatabaseFile {
  const object = `${repo.get_path().get_path() ?? ''}/objects/${fileChecksum.slice(0, 2)}/${fileChecksum.slice(2)}`;
  if (repo.get_mode() !== OSTree.RepoMode.ARCHIVE) {
    if (Gio.File.new_for_path(`${object}.file`).query_exists(null)) return { path: `${object}.file`, deflated: null };
  } else {
    const deflated = deflatedObject(repo, fileChecksum, `${object}.filez`);
    if (deflated) return deflated;
  }
  const cached = `${cacheDir}/objects/${fileChecksum}`;
  if (Gio.File.new_for_path(cached).query_exists(null)) return { path: cached, deflated: null };
  const [, stream, info] = repo.load_file(fileChecksum, null);
  if (!stream) throw new EngineError('internal', `file object ${fileChecksum} has no content`);
  // Spliced natively: copying megabytes through JavaScript arrays costs more than the decompression itself.
  spliceFileAtomically(cached, stream, info.get_size());
  return { path: cached, deflated: null };
}

function deflatedObject(repo: OSTree.Repo, fileChecksum: string, path: string): DatabaseFile | null {
  const file = Gio.File.new_for_path(path);
  if (!file.query_exists(null)) return null; // In a parent repository, say: take the general way.
  const input = file.read(null);
  const prefix = input.read_bytes(4, null).toArray();
  input.close(null);
  if (prefix.length !== 4) return null;
  const headerLength = new DataView(prefix.buffer, prefix.byteOffset, 4).getUint32(0);
  const [, stream, info] = repo.load_file(fileChecksum, null);
  stream?.close(null);
  return { path, deflated: { offset: 8 + headerLength, size: info.get_size() } };
}

export function packageDatabase(repo: OSTree.Repo, checksum: string, cacheDir: string): PackageDatabaseResult {
  const commit = loadCommit(repo, checksum);
  if (!commit) throw new EngineError('not-found', `commit ${checksum} is not in the repository`);
  const pkglist = commit.get_child_value(0).lookup_value('rpmostree.rpmdb.pkglist', null);
  if (pkglist) return { checksum, source: 'pkglist', pkglist: pkglist.deep_unpack<PackageTuple[]>() };
  if (!hasTree(repo, checksum)) {
    throw new EngineError('no-package-database', `commit ${checksum} has no package list and its tree is not pulled`);
  }
  for (const location of RPMDB_LOCATIONS) {
    const file = findFileInCommit(repo, checksum, location.path);
    if (file) {
      return { checksum, source: 'rpmdb', format: location.format, file: databaseFile(repo, file, cacheDir), contentChecksum: file };
    }
  }
  for (const location of DPKG_LOCATIONS) {
    const file = findFileInCommit(repo, checksum, location);
    if (file) return { checksum, source: 'dpkg', file: databaseFile(repo, file, cacheDir), contentChecksum: file };
  }
  throw new EngineError('no-package-database', `commit ${checksum} has no package database (rpm or dpkg)`);
}
