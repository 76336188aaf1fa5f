// Package and file diffs between two commits. Commits are immutable, so a diff is cached by its pair of checksums:
// in memory for the running process and on disk in the user's cache for the next one.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PackageDatabaseResult, Target } from '../../helper/protocol';
import type { CommitDiff } from './commit-diff';
import { cacheDir } from '../paths';
import { changelogSince } from '../packages/changelogs';
import { parseDatabaseFiles } from '../packages/database-file';
import { diffPackages } from '../packages/package-diff';
import type { PackageDiff, PackageList } from '../packages/package-model';
import { fromPkglist, parseDpkgStatus, parseRpmdbSqlite, rpmdbDifference } from '../packages/read-packages';
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
      }
      else list = { source: 'rpmdb', packages: await parseDatabaseFiles([database.file], ([contents]) => parseRpmdbSqlite(contents, changelogs)) };
      this.lists.set(key, list);
    }
    return list;
  }

  /** What a diff compares: both commits' packages, less those the same on both sides when both have sqlite rpm
   * databases, whose headers are the costly part of a diff to read. */
  private async compared(before: PackageDatabaseResult, after: PackageDatabaseResult, changelogs: boolean): Promise<[PackageList, PackageList]> {
    if (before.source === 'rpmdb' && before.format === 'sqlite' && after.source === 'rpmdb' && after.format === 'sqlite') {
      const [old, fresh] = await parseDatabaseFiles([before.file, after.file], ([a, b]) => rpmdbDifference(a, b, changelogs));
      return [{ source: 'rpmdb', packages: old }, { source: 'rpmdb', packages: fresh }];
    }
    return Promise.all([this.list(before, false), this.list(after, changelogs)]);
  }

  async diff(target: Target, from: string, to: string, options: DiffOptions = {}): Promise<CommitDiff> {
    const toTarget = options.toTarget ?? target;
    // Where each commit's packages are, and its checksum with it: one round trip to the engine, not two.
    const [before, after] = await Promise.all([this.database(target, from), this.database(toTarget, to)]);
    const key = `${before.checksum}-${after.checksum}${options.changelogs ? '-changelogs' : ''}`;
    let diff = this.diffs.get(key) ?? readCached(key);
    if (!diff) {
      const [old, fresh] = await this.compared(before, after, options.changelogs === true);
      const packages = diffPackages(old, fresh);
      if (options.changelogs) addChangelogs(packages, old, fresh);
      diff = { from: before.checksum, to: after.checksum, source: fresh.source, packages };
      writeCached(key, diff);
    }
    this.diffs.set(key, diff);
    if (!options.files) return diff;
    if (toTarget !== target) {
      throw new EngineError('invalid-argument', 'a file diff needs both commits in one repository');
    }
    const files = await this.service.read('fileDiff', { target, from: before.checksum, to: after.checksum });
    return { ...diff, files };
  }
}

function addChangelogs(diff: PackageDiff, before: PackageList, after: PackageList): void {
  // Keyed by version too: install-only packages (kernels) have several versions of one name side by side.
  const key = (name: string, arch: string, evr: string): string => `${name}\0${arch}\0${evr}`;
  const old = new Map(before.packages.map((p) => [key(p.name, p.arch, p.evr), p]));
  const fresh = new Map(after.packages.map((p) => [key(p.name, p.arch, p.evr), p]));
  for (const change of diff.upgraded) {
    const previous = old.get(key(change.name, change.arch, change.from));
    const current = fresh.get(key(change.name, change.arch, change.to));
    if (!previous || !current?.changelog) continue;
    const evr = { epoch: previous.epoch, version: previous.version ?? '', release: previous.release ?? '' };
    change.changelog = changelogSince(current.changelog, evr, previous.changelogTime);
  }
}

function cachePath(key: string): string {
  return join(cacheDir(), 'diffs-v1', `${key}.json`);
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
  mkdirSync(join(cacheDir(), 'diffs-v1'), { recursive: true });
  const temporary = `${path}.${String(process.pid)}.tmp`;
  writeFileSync(temporary, JSON.stringify(diff));
  renameSync(temporary, path);
}
