// The diff of two real rpm databases that reads as little as it can: packages installed from the same build in both
// (one SHA1HEADER digest) are not read, the others by identity only, and the diff comes out the same, details and
// changelogs included, as the diff of both whole lists, which the rpmdb tests hold against rpm itself.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addChangelogs } from '../../main/packages/changelogs';
import { diffPackages } from '../../main/packages/package-diff';
import type { Package } from '../../main/packages/package-model';
import { parseRpmdbSqlite } from '../../main/packages/read-packages';
import { changedInRpmdbs, diffRpmdbs } from '../../main/packages/rpmdb-diff';
import { buildRpms, installRpmdb, type RpmSpec } from '../fixtures/package-fixture';
import { run } from '../support/run';

const root = mkdtempSync(join(tmpdir(), 'canopy-rpmdb-difference-'));
let before: Buffer;
let after: Buffer;
let afterPath: string;

const changelog = (evr: string) => [{ date: 'Mon Jan 06 2025', author: 'Test <test@example.com>', evr, text: 'Built.' }];
const named = (rpms: string[], names: string[]): string[] => rpms.filter((file) => names.some((name) => basename(file).startsWith(`${name}-`)));

beforeAll(() => {
  const first: RpmSpec[] = [
    { name: 'same', version: '1.0', release: '1' },
    { name: 'upgraded', version: '1.0', release: '1' },
    { name: 'removed', version: '1.0', release: '1' },
    { name: 'rebuilt', version: '1.0', release: '1' },
    { name: 'multi', version: '1.0', release: '1', arch: 'i686' },
    { name: 'kernel', version: '6.1', release: '1' },
  ];
  const oldKernel = buildRpms([{ name: 'kernel', version: '6.0', release: '1' }], changelog('6.0-1'));
  const firstBuild = buildRpms(first, changelog('1.0-1'));
  // The second build: an upgrade, a package rebuilt at the same version, a new kernel beside the kept one, an
  // added package and an i686 upgrade.
  const second = buildRpms(
    [
      { name: 'upgraded', version: '2.0', release: '1' },
      { name: 'rebuilt', version: '1.0', release: '1' },
      { name: 'kernel', version: '6.2', release: '1' },
      { name: 'added', version: '1.0', release: '1' },
      { name: 'multi', version: '1.1', release: '1', arch: 'i686' },
    ],
    changelog('2.0-1'),
  );
  before = readFileSync(join(installRpmdb(join(root, 'before'), [...oldKernel, ...firstBuild]), 'rpmdb.sqlite'));
  afterPath = join(installRpmdb(join(root, 'after'), [...named(firstBuild, ['same', 'kernel']), ...second]), 'rpmdb.sqlite');
  after = readFileSync(afterPath);
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

const nevra = (packages: Package[]): string[] => packages.map((p) => `${p.name}-${p.evr}.${p.arch}`);
/** The diff of both whole lists, with the changelogs of upgrades (and only of those). */
function wholeDiff(a: Buffer, b: Buffer) {
  const [old, fresh] = [parseRpmdbSqlite(a, false), parseRpmdbSqlite(b, false)];
  const logs = new Map(parseRpmdbSqlite(b, true).map((p) => [nevra([p])[0], p.changelog]));
  const diff = diffPackages({ source: 'rpmdb', packages: old }, { source: 'rpmdb', packages: fresh });
  addChangelogs(diff, old, fresh, (p) => logs.get(nevra([p])[0]));
  return diff;
}

function shortcutDiff(a: Buffer, b: Buffer) {
  const [old, fresh] = changedInRpmdbs(a, b);
  return { old: old.packages, fresh: fresh.packages, diff: diffRpmdbs(a, b, true) };
}

/** A copy of the after database changed by SQL, as a database rpm wrote without those rows would be. */
function afterWith(name: string, sql: string): Buffer {
  const copy = join(root, name);
  copyFileSync(afterPath, copy);
  run('sqlite3', [copy, sql]);
  return readFileSync(copy);
}

describe('diffRpmdbs', () => {
  it('reads only the packages not installed from the same build on both sides, and those by identity', () => {
    const { old, fresh, diff } = shortcutDiff(before, after);
    expect(nevra(old)).toEqual(['kernel-6.0-1.noarch', 'multi-1.0-1.i686', 'rebuilt-1.0-1.noarch', 'removed-1.0-1.noarch', 'upgraded-1.0-1.noarch']);
    expect(nevra(fresh)).toEqual(['added-1.0-1.noarch', 'kernel-6.2-1.noarch', 'multi-1.1-1.i686', 'rebuilt-1.0-1.noarch', 'upgraded-2.0-1.noarch']);
    expect(fresh.every((p) => p.summary === undefined && p.changelog === undefined)).toBe(true);
    // What the diff shows is read whole: the details of an added package, the changelog of an upgrade.
    expect(diff.added).toMatchObject([{ name: 'added', summary: 'The added package', source: 'canopy-fixture' }]);
    expect(diff.upgraded.find((c) => c.name === 'upgraded')?.changelog?.[0]?.text).toBe('- Built.');
  });

  it('gives the diff of the whole lists, install-only kernels and rebuilds included', () => {
    const { diff } = shortcutDiff(before, after);
    expect(diff).toEqual(wholeDiff(before, after));
    expect(diff.upgraded.map((c) => `${c.name}.${c.arch} ${c.from} -> ${c.to}`)).toEqual(['kernel.noarch 6.0-1 -> 6.2-1', 'multi.i686 1.0-1 -> 1.1-1', 'upgraded.noarch 1.0-1 -> 2.0-1']);
    expect(nevra(diff.added)).toEqual(['added-1.0-1.noarch']);
    expect(nevra(diff.removed)).toEqual(['removed-1.0-1.noarch']);
    // The other way round, everything is undone.
    expect(shortcutDiff(after, before).diff).toEqual(wholeDiff(after, before));
  });

  it('takes a package recorded twice for the same build, as the whole lists do', () => {
    const twice = join(root, 'twice.sqlite');
    copyFileSync(join(root, 'before/usr/share/rpm/rpmdb.sqlite'), twice);
    run('sqlite3', [
      twice,
      `INSERT INTO Packages(blob) SELECT blob FROM Packages WHERE hnum = (SELECT hnum FROM Name WHERE key = 'same');
       INSERT INTO Sha1header(key, hnum, idx) SELECT key, last_insert_rowid(), 0 FROM Sha1header WHERE hnum = (SELECT hnum FROM Name WHERE key = 'same');`,
    ]);
    const doubled = readFileSync(twice);
    expect(parseRpmdbSqlite(doubled, false).filter((p) => p.name === 'same')).toHaveLength(2);
    expect(shortcutDiff(doubled, after).diff).toEqual(wholeDiff(doubled, after));
    expect(nevra(shortcutDiff(doubled, after).diff.removed)).toEqual(['removed-1.0-1.noarch']);
  });

  it('reads every package that rpm has no digest for', () => {
    const noIndex = afterWith('no-index.sqlite', 'DROP TABLE Sha1header');
    expect(nevra(shortcutDiff(before, noIndex).fresh)).toEqual(nevra(parseRpmdbSqlite(noIndex, false)));
    expect(shortcutDiff(before, noIndex).diff).toEqual(wholeDiff(before, noIndex));
    const sameHnum = run('sqlite3', [afterPath, "SELECT hnum FROM Name WHERE key = 'same'"]).trim();
    const partial = afterWith('partial-index.sqlite', `DELETE FROM Sha1header WHERE hnum = ${sameHnum}`);
    expect(nevra(shortcutDiff(before, partial).fresh)).toContain('same-1.0-1.noarch');
    expect(shortcutDiff(before, partial).diff).toEqual(wholeDiff(before, partial));
  });
});
