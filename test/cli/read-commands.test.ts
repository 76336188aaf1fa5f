// The read commands' JSON contracts, held against what the ostree tools themselves report on the same fixture.
import { describe, expect, it } from 'vitest';
import type { Commit, Deployment, RefsResult, Remote } from '../../helper/protocol';
import { loadFixture, UNSIGNED_REF } from '../fixtures/fixture';
import { canopy, canopyJson, expectOneLineError } from '../support/cli';
import { run } from '../support/run';

const fixture = loadFixture();

describe('canopy status', () => {
  const { deployments } = canopyJson<{ deployments: Deployment[] }>(['status', '--sysroot', fixture.sysroot]);

  it('lists the deployments in the order ostree admin status does', () => {
    const text = run('ostree', ['admin', 'status', `--sysroot=${fixture.sysroot}`]);
    const expected = [...text.matchAll(/ ([0-9a-f]{64})\.(\d+)/g)].map((m) => [m[1], Number(m[2])]);
    expect(deployments.map((d) => [d.checksum, d.serial])).toEqual(expected);
    expect(deployments.map((d) => d.index)).toEqual(expected.map((_, i) => i));
  });

  it('reports version, timestamp, origin and the pinned rollback', () => {
    expect(deployments).toHaveLength(2);
    const [current, rollback] = deployments;
    expect(current).toMatchObject({ osname: 'demo', version: '1.1', origin: fixture.refspec, originKind: 'refspec', pinned: false, role: null });
    expect(rollback).toMatchObject({ version: '1.0', pinned: true, role: 'rollback', booted: false, staged: false });
    const time = run('ostree', ['show', `--repo=${fixture.sysroot}/ostree/repo`, '--print-metadata-key=version', current?.checksum ?? '']);
    expect(time.trim()).toBe("'1.1'");
    expect(current?.timestamp).toBeGreaterThan(1_700_000_000);
    expect(new Set(deployments.map((d) => d.id)).size).toBe(2);
  });

  it('shows rpm-ostree layering for what it is', () => {
    const layered = canopyJson<{ deployments: Deployment[] }>(['status', '--sysroot', fixture.layeredSysroot]).deployments[0];
    expect(layered).toMatchObject({
      originKind: 'rpm-ostree-layered',
      origin: fixture.refspec,
      layered: { packages: ['htop', 'strace'], removed: ['firefox'] },
    });
    expect(canopy(['status', '--sysroot', fixture.layeredSysroot]).stdout).toContain('Layered: htop, strace');
  });
});

describe('canopy remotes, refs and log', () => {
  it('lists remotes with their URL and gpg-verify', () => {
    const { remotes } = canopyJson<{ remotes: Remote[] }>(['remotes', '--sysroot', fixture.sysroot]);
    expect(remotes).toEqual([{ name: 'demo', url: fixture.remoteUrl, gpgVerify: true, gpgVerifySummary: false }]);
  });

  it("lists a remote's refs from its summary, as the server has them", () => {
    const result = canopyJson<RefsResult>(['refs', 'demo', '--sysroot', fixture.sysroot]);
    expect(Object.fromEntries(result.refs.map((r) => [r.ref, r.checksum]))).toEqual(fixture.tips);
    expect(result.stale).toBe(false);
    expect(result.refs.find((r) => r.ref === fixture.branch)).toMatchObject({ remote: 'demo', version: '1.2' });
  });

  it('pages through a history, newest first, like ostree log', () => {
    const all = canopyJson<{ commits: Commit[]; next: string | null }>(['log', fixture.branch, '--repo', fixture.remote]);
    const text = run('ostree', ['log', `--repo=${fixture.remote}`, fixture.branch]);
    expect(all.commits.map((c) => c.checksum)).toEqual([...text.matchAll(/^commit ([0-9a-f]{64})/gm)].map((m) => m[1]));
    expect(all.commits.map((c) => c.version)).toEqual(['1.2', '1.1', '1.0']);
    expect(all.commits[0]?.parent).toBe(all.commits[1]?.checksum);
    const page = canopyJson<{ commits: Commit[]; next: string | null }>(['log', fixture.branch, '--repo', fixture.remote, '--limit', '2']);
    expect(page.commits).toHaveLength(2);
    expect(page.next).toBe(all.commits[2]?.checksum);
  });

  it('shows end-of-life metadata', () => {
    const { commits } = canopyJson<{ commits: Commit[] }>(['log', 'demo/0/x86_64/workstation', '--repo', fixture.remote, '--limit', '1']);
    expect(commits[0]).toMatchObject({ endOfLifeRebase: fixture.branch });
    expect(commits[0]?.endOfLife).toContain('end of life');
  });
});

describe('bad input gets one line and a meaningful exit status', () => {
  const cases: [string, string[], number, RegExp][] = [
    ['a path that is not a sysroot', ['status', '--sysroot', '/tmp'], 3, /not an OSTree sysroot/],
    ['an unknown remote', ['refs', 'nope', '--sysroot', fixture.sysroot], 4, /unknown remote nope/],
    ['an unknown ref', ['log', 'demo:no/such/ref', '--sysroot', fixture.sysroot], 4, /unknown ref|cannot resolve/],
    ['a malformed checksum', ['log', 'abc;rm -rf /', '--sysroot', fixture.sysroot], 2, /checksum or a refspec/],
    ['a missing commit', ['log', '0'.repeat(64), '--sysroot', fixture.sysroot], 4, /not in the repository/],
    ['a bad limit', ['log', fixture.branch, '--limit', '-3'], 2, /not a non-negative integer/],
    ['an unknown command', ['frobnicate'], 2, /unknown command/],
    ['an empty sysroot, which would mean the current directory', ['status', '--sysroot', ''], 2, /--sysroot <dir>' argument '' is invalid\. must not be empty/],
    ['an empty repository path', ['refs', 'demo', '--repo', ''], 2, /must not be empty/],
    ['--check with --preview', ['upgrade', '--check', '--preview', '--sysroot', fixture.sysroot], 2, /'--check' cannot be used with option '--preview'/],
  ];
  it('an unusable cache directory', () => {
    const result = canopy(['refs', 'demo', '--sysroot', fixture.sysroot], { CANOPY_CACHE_DIR: '/etc/hostname/cache' });
    expect(result.status).toBe(2);
    expect(expectOneLineError(result)).toBe('canopy: cannot use the cache directory /etc/hostname/cache: ENOTDIR');
  });

  for (const [what, args, status, message] of cases) {
    it(what, () => {
      const result = canopy(args);
      expect(result.status).toBe(status);
      expect(expectOneLineError(result)).toMatch(message);
      expect(result.stdout).toBe('');
    });
  }
});

describe('canopy verify through the engine', () => {
  it('sees signed and unsigned commits', async () => {
    const { CanopyService } = await import('../../main/services/canopy-service');
    const service = new CanopyService();
    try {
      const target = { kind: 'sysroot' as const, path: fixture.sysroot };
      const signed = await service.read('verify', { target, rev: fixture.refspec });
      expect(signed).toMatchObject({ signed: true, valid: true });
      expect(signed.signatures[0]?.keyId).toMatch(/7FCA23D8472CDAFA$/);
      const unsigned = await service.read('verify', { target: { kind: 'repo', path: fixture.remote }, rev: UNSIGNED_REF });
      expect(unsigned).toMatchObject({ signed: false, valid: false, signatures: [] });
    } finally {
      await service.close();
    }
  });
});
