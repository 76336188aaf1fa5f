// Packages from rpm-ostree's pkglist commit metadata: a preview needs only the commit object.
import { describe, expect, it } from 'vitest';
import { demoPackages } from '../../main/demo/demo-system';
import type { Package } from '../../main/packages/package-model';
import type { CommitDiff } from '../../main/services/commit-diff';
import { loadFixture } from '../fixtures/fixture';
import { canopy, canopyJson, expectOneLineError } from '../support/cli';
import { run } from '../support/run';

const fixture = loadFixture();

describe('pkglist metadata', () => {
  it('lists the packages the commit metadata names', () => {
    const result = canopyJson<{ source: string; packages: Package[] }>(['packages', fixture.refspec, '--sysroot', fixture.sysroot]);
    expect(result.source).toBe('pkglist');
    const metadata = run('ostree', ['show', `--repo=${fixture.remote}`, '--print-metadata-key=rpmostree.rpmdb.pkglist', fixture.branch]);
    const names = [...metadata.matchAll(/\('([^']+)', '([^']*)', '([^']+)', '([^']+)', '([^']+)'\)/g)].map((m) => `${m[1] ?? ''}.${m[5] ?? ''}`).sort();
    expect(result.packages.map((p) => `${p.name}.${p.arch}`).sort()).toEqual(names);
    expect(result.packages).toHaveLength(demoPackages(1, 2).length);
  });

  it('diffs two deployments and a branch tip, with counts first', () => {
    const status = canopyJson<{ deployments: { checksum: string }[] }>(['status', '--sysroot', fixture.sysroot]).deployments;
    const [current, rollback] = status;
    const diff = canopyJson<CommitDiff>(['diff', rollback?.checksum ?? '', current?.checksum ?? '', '--sysroot', fixture.sysroot]);
    expect(diff.packages.added.map((p) => p.name)).toEqual(['htop']);
    expect(diff.packages.removed.map((p) => p.name)).toEqual(['neofetch']);
    expect(diff.packages.upgraded.length).toBeGreaterThan(3);
    const tip = canopy(['diff', current?.checksum ?? '', fixture.refspec, '--sysroot', fixture.sysroot]);
    expect(tip.stdout.split('\n')[1]).toMatch(/^Upgraded: \d+ {2}Downgraded: \d+ {2}Removed: 0 {2}Added: 1$/);
  });

  it('refuses a commit whose tree was never pulled and has no pkglist', () => {
    const result = canopy(['packages', 'test/unsigned', '--repo', fixture.remote]);
    expect(result.status).toBe(5);
    expect(expectOneLineError(result)).toMatch(/no package database/);
  });
});
