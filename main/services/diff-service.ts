// Package and file diffs between two commits. Commits are immutable, so a diff is cached by its pair of checksums:
// in memory for the running process and on disk in the user's cache for the next one.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PackageDatabaseResult, Target } from '../../helper/protocol';
import type { CommitDiff } from './commit-diff';
import { cacheDir } from '../paths';
import { addChangelogs } from '../packages/changelogs';
import { parseDatabaseFiles } from '../packages/database-file';
import { diffPackages } from '../packages/package-diff';
import type { PackageList } from '../packages/package-model';
import { fromPkglist, parseDpkgStatus, parseRpmdbSqlite } from '../packages/read-packages';
import { diffRpmdbs } from '../packages/rpmdb-diff';
import type { CanopyService } from './canopy-service';
import { EngineError } from './engine-error';

export interface DiffOptions {
  changelogs?: boolean;
  files?: boolean;
  /** Where TO lives when it is not in FROM's repository: a preview fetched into the user's cache. */
  toTarget?: Target;
}

const MEMORY_ENTRIES = 16;

class Lru<V> {
  private readonly entries = new Map<string, V>();
  constructor(private readonly size: number) {}
  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }
  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    const oldest = this.entries.keys().next().value;
    if (this.entries.size > this.size && oldest !== undefined) this.entries.delete(oldest);
  }
}

export class DiffService {
  private readonly lists = new Lru<PackageList>(MEMORY_ENTRIES);
  private readonly diffs = new Lru<CommitDiff>(MEMORY_ENTRIES);

  constructor(private readonly service: CanopyService) {}

  async packages(target: Target, rev: string, changelogs = false): Promise<PackageList & { checksum: string }> {
    const database = await this.database(target, rev);
    return { ...(await this.list(database, changelogs)), checksum: database.checksum };
  }

  private database(target: Target, rev: string): Promise<PackageDatabaseResult> {
    return this.service.read('packageDatabase', { target, rev, cacheDir: cacheDir() });
  }

  private async list(database: PackageDatabaseResult, changelogs: boolean): Promise<PackageList> {
    const key = `${database.source === 'pkglist' ? database.checksum : database.contentChecksum}:${String(changelogs)}`;
    let list = this.lists.get(key);
    if (!list) {
      if (database.source === 'pkglist') list = { source: 'pkglist', packages: fromPkglist(database.pkglist) };
      else if (database.source === 'dpkg') list = { source: 'dpkg', packages: await parseDatabaseFiles([database.file], ([contents]) => parseDpkgStatus(contents.toString('utf8'))) };
      else if (database.format === 'bdb') {
        throw new EngineError('no-package-database', `commit ${database.checksum} has a BerkeleyDB rpm database, which Canopy cannot read yet`);
      } else list = { source: 'rpmdb', packages: await parseDatabaseFiles([database.file], ([contents]) => parseRpmdbSqlite(contents, changelogs)) };
      this.lists.set(key, list);
    }
    return list;
  }

  /** The package diff. Two sqlite rpm databases are diffed reading as little of them as the diff shows, their
   * headers being the costly part of a diff to read. */
  private async packageDiff(before: PackageDatabaseResult, after: PackageDatabaseResult, changelogs: boolean): Promise<Pick<CommitDiff, 'source' | 'packages'>> {
    if (before.source === 'rpmdb' && before.format === 'sqlite' && after.source === 'rpmdb' && after.format === 'sqlite') {
      return { source: 'rpmdb', packages: await parseDatabaseFiles([before.file, after.file], ([a, b]) => diffRpmdbs(a, b, changelogs)) };
    }
    const [old, fresh] = await Promise.all([this.list(before, false), this.list(after, changelogs)]);
    const packages = diffPackages(old, fresh);
    if (changelogs) addChangelogs(packages, old.packages, fresh.packages);
    return { source: fresh.source, packages };
  }

  async diff(target: Target, from: string, to: string, options: DiffOptions = {}): Promise<CommitDiff> {
    const toTarget = options.toTarget ?? target;
    // Both commits resolved, for the cache, and where their packages are, asked together: one round trip to the
    // engine, not two. A cached diff needs neither database, nor even the trees (they may be pruned since).
    const checksums = Promise.all([this.service.read('resolve', { target, rev: from }), this.service.read('resolve', { target: toTarget, rev: to })]);
    const databases = Promise.all([this.database(target, from), this.database(toTarget, to)]);
    databases.catch(() => undefined); // Not awaited when the diff is cached.
    const [fromChecksum, toChecksum] = await checksums;
    const key = `${fromChecksum.checksum}-${toChecksum.checksum}${options.changelogs ? '-changelogs' : ''}`;
    let diff = this.diffs.get(key) ?? readCached(key);
    if (!diff) {
      const [before, after] = await databases;
      diff = { from: before.checksum, to: after.checksum, ...(await this.packageDiff(before, after, options.changelogs === true)) };
      writeCached(key, diff);
    }
    this.diffs.set(key, diff);
    if (!options.files) return diff;
    if (toTarget !== target) {
      throw new EngineError('invalid-argument', 'a file diff needs both commits in one repository');
    }
    const files = await this.service.read('fileDiff', { target, from: diff.from, to: diff.to });
    return { ...diff, files };
  }
}

function cachePath(key: string): string {
  return join(cacheDir(), 'diffs-v2', `${key}.json`);
}

function readCached(key: string): CommitDiff | undefined {
  try {
    return JSON.parse(readFileSync(cachePath(key), 'utf8')) as CommitDiff;
  } catch {
    return undefined; // Not cached yet, or a torn write: compute it again.
  }
}

function writeCached(key: string, diff: CommitDiff): void {
  const path = cachePath(key);
  mkdirSync(join(cacheDir(), 'diffs-v2'), { recursive: true });
  const temporary = `${path}.${String(process.pid)}.tmp`;
  writeFileSync(temporary, JSON.stringify(diff));
  renameSync(temporary, path);
}
