// Changes through the CLI as root (which calls the engine directly), checked against ostree's own view.
import { spawn } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChangeResult, HistoryEntry, UpdateCheckResult } from '../../helper/protocol';
import { DEMO_BRANCH } from '../../main/demo/demo-system';
import { writeOrigin } from '../../main/demo/tree-builder';
import { canopy, canopyJson, expectOneLineError } from '../support/cli';
import { run } from '../support/run';
import { scratchSystem, type ScratchSystem } from '../support/scratch-system';

let system: ScratchSystem;
beforeEach(() => {
  system = scratchSystem();
});
afterEach(() => {
  system.remove();
});

const tip = (rev: string): string => run('ostree', ['rev-parse', `--repo=${system.remote}`, rev]).trim();
const change = (args: string[]): ChangeResult => canopyJson<ChangeResult>([...args, '--sysroot', system.sysroot]);

describe('rollback and pin', () => {
  it('rolls back by reordering, and back again', () => {
    const before = system.status();
    const result = change(['rollback']);
    expect(result.changed).toBe(true);
    expect(system.status().map((d) => d.checksum)).toEqual([before[1]?.checksum, before[0]?.checksum]);
    const text = run('ostree', ['admin', 'status', `--sysroot=${system.sysroot}`]);
    expect(text.indexOf(before[1]?.checksum ?? '-')).toBeLessThan(text.indexOf(before[0]?.checksum ?? '-'));
    change(['rollback']);
    expect(system.status().map((d) => d.checksum)).toEqual(before.map((d) => d.checksum));
    system.fsck();
  });

  it('pins and unpins, and refuses an index out of range', () => {
    change(['pin', '1']);
    expect(system.status()[1]?.pinned).toBe(true);
    expect(run('ostree', ['admin', 'status', `--sysroot=${system.sysroot}`])).toContain('Pinned: yes');
    change(['unpin', '1']);
    expect(system.status()[1]?.pinned).toBe(false);
    const bad = canopy(['pin', '5', '--sysroot', system.sysroot]);
    expect(bad.status).toBe(2);
    expect(expectOneLineError(bad)).toMatch(/out of range \(0\.\.1\)/);
  });

  it('updates a pinned deployment: the pin is libostree state, not rpm-ostree layering', () => {
    change(['pin', '0']);
    expect(system.status()[0]).toMatchObject({ pinned: true, originKind: 'refspec', layered: null });
    expect(change(['upgrade'])).toMatchObject({ changed: true, to: tip(DEMO_BRANCH) });
    expect(system.status()[1]?.pinned).toBe(true);
  });
});

describe('switch, upgrade, deploy and cleanup', () => {
  it('checks, previews and applies an update, then says it is up to date', () => {
    const check = canopy(['upgrade', '--check', '--sysroot', system.sysroot, '--json']);
    expect(check.status).toBe(0);
    expect(JSON.parse(check.stdout) as UpdateCheckResult).toMatchObject({ available: true, version: '1.2', checksum: tip(DEMO_BRANCH) });
    const before = system.status();
    const result = change(['upgrade']);
    expect(result).toMatchObject({ changed: true, to: tip(DEMO_BRANCH) });
    const after = system.status();
    expect(after[0]).toMatchObject({ version: '1.2', origin: `demo:${DEMO_BRANCH}` });
    expect(after[1]?.checksum).toBe(before[0]?.checksum);
    expect(canopy(['upgrade', '--check', '--sysroot', system.sysroot]).status).toBe(77);
    expect(change(['upgrade'])).toMatchObject({ changed: false });
    system.fsck();
  });

  it('switches to another branch, keeping the current deployment as the rollback', () => {
    const before = system.status();
    change(['switch', 'demo:demo/2/x86_64/workstation']);
    const after = system.status();
    expect(after[0]).toMatchObject({ version: '2.1', origin: 'demo:demo/2/x86_64/workstation', checksum: tip('demo/2/x86_64/workstation') });
    expect(after[1]).toMatchObject({ checksum: before[0]?.checksum, role: 'rollback' });
    const history = canopyJson<{ entries: HistoryEntry[] }>(['history', '--sysroot', system.sysroot]).entries;
    expect(history[0]).toMatchObject({ action: 'switch', refspec: 'demo:demo/2/x86_64/workstation', from: before[0]?.checksum, result: 'ok', user: 'root' });
  });

  it('deploys an older commit by version and by checksum', () => {
    change(['deploy', '1.0']);
    expect(system.status()[0]).toMatchObject({ version: '1.0', checksum: tip(`${DEMO_BRANCH}^^`) });
    change(['deploy', tip(DEMO_BRANCH)]);
    expect(system.status()[0]).toMatchObject({ version: '1.2' });
    const missing = canopy(['deploy', '9.9', '--sysroot', system.sysroot]);
    expect(missing.status).toBe(4);
    expect(expectOneLineError(missing)).toMatch(/no commit .* has version 9\.9/);
    // It fetched the branch's history as root before it could say so: that belongs in the journal.
    const history = canopyJson<{ entries: HistoryEntry[] }>(['history', '--sysroot', system.sysroot]).entries;
    expect(history[0]).toMatchObject({ action: 'deploy', result: 'failed', error: expect.stringMatching(/has version 9\.9/) as unknown });
  });

  it('does not journal a request refused before anything was fetched or written', () => {
    const before = canopyJson<{ entries: HistoryEntry[] }>(['history', '--sysroot', system.sysroot]).entries;
    expect(canopy(['switch', 'nosuch:demo/1/x86_64/server', '--sysroot', system.sysroot]).status).toBe(4);
    expect(canopy(['pin', '7', '--sysroot', system.sysroot]).status).toBe(2);
    expect(canopyJson<{ entries: HistoryEntry[] }>(['history', '--sysroot', system.sysroot]).entries).toEqual(before);
  });

  it('cleans up the rollback but keeps pinned deployments', () => {
    change(['pin', '1']);
    change(['upgrade']);
    expect(system.status().map((d) => d.version)).toEqual(['1.2', '1.1', '1.0']);
    change(['cleanup']);
    const after = system.status();
    expect(after.map((d) => d.version)).toEqual(['1.2', '1.0']);
    expect(after[1]?.pinned).toBe(true);
    system.fsck();
  });
});

describe('refusals leave the system as it was', () => {
  it('refuses to flatten rpm-ostree layered packages', () => {
    const current = system.status()[0];
    writeOrigin(system.sysroot, 'demo', current?.checksum ?? '', `[origin]\nbaserefspec=demo:${DEMO_BRANCH}\n\n[packages]\nrequested=htop;\n`);
    for (const args of [['upgrade'], ['switch', 'demo:demo/2/x86_64/workstation']]) {
      const result = canopy([...args, '--sysroot', system.sysroot]);
      expect(result.status).toBe(9);
      expect(expectOneLineError(result)).toMatch(/layered packages, overrides or settings \(htop\)/);
    }
    expect(system.status()).toHaveLength(2);
    // Settings alone, with a plain refspec: a switch would drop them just the same.
    writeOrigin(system.sysroot, 'demo', current?.checksum ?? '', `[origin]\nrefspec=demo:${DEMO_BRANCH}\n\n[rpmostree]\nregenerate-initramfs=true\n`);
    const settings = canopy(['switch', 'demo:demo/2/x86_64/workstation', '--sysroot', system.sysroot]);
    expect(settings.status).toBe(9);
    expect(expectOneLineError(settings)).toMatch(/\(rpmostree\.regenerate-initramfs\)/);
    expect(system.status()).toHaveLength(2);
  });

  it('shows a container-image deployment for what it is, and leaves it to bootc or rpm-ostree', () => {
    const current = system.status()[0];
    const image = 'ostree-unverified-registry:quay.io/fedora/fedora-silverblue:41';
    writeOrigin(system.sysroot, 'demo', current?.checksum ?? '', `[origin]\ncontainer-image-reference=${image}\n`);
    expect(system.status()[0]).toMatchObject({ origin: image, originKind: 'container-image', layered: null });
    for (const [verb, args] of [['update', ['upgrade']], ['switch', ['switch', 'demo:demo/2/x86_64/workstation']]] as const) {
      const result = canopy([...args, '--sysroot', system.sysroot]);
      expect(result.status).toBe(9);
      expect(expectOneLineError(result)).toBe(`canopy: cannot ${verb}: the deployment follows a container image (${image}); use bootc or rpm-ostree`);
    }
    const check = canopy(['upgrade', '--check', '--sysroot', system.sysroot]);
    expect(check.status).toBe(4);
    expect(expectOneLineError(check)).toMatch(/does not follow an OSTree branch/);
    expect(system.status()).toHaveLength(2);
  });

  it('reports a failed fetch as a failure, never as up to date', () => {
    run('ostree', ['remote', 'delete', `--repo=${system.sysroot}/ostree/repo`, 'demo']);
    run('ostree', ['remote', 'add', `--repo=${system.sysroot}/ostree/repo`, '--set=gpg-verify=false', 'demo', 'file:///nonexistent/remote']);
    const before = system.status();
    for (const args of [['upgrade', '--check'], ['upgrade']]) {
      const result = canopy([...args, '--sysroot', system.sysroot]);
      expect(result.status).toBe(6);
      expect(expectOneLineError(result)).toMatch(/cannot (fetch|reach)/);
    }
    expect(system.status()).toEqual(before);
  });

  it('answers busy while another change holds the sysroot lock', async () => {
    // libostree takes an fcntl lock on ostree/lock; python's lockf takes a conflicting one.
    const holder = spawn('python3', ['-c', `import fcntl,sys,time\nf=open('${system.sysroot}/ostree/lock','a')\nfcntl.lockf(f, fcntl.LOCK_EX)\nprint('locked', flush=True)\ntime.sleep(30)`]);
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    try {
      const result = canopy(['rollback', '--sysroot', system.sysroot]);
      expect(result.status).toBe(75);
      expect(expectOneLineError(result)).toMatch(/another change .* in progress/);
    } finally {
      holder.kill();
    }
    expect(change(['rollback']).changed).toBe(true);
  });
});

describe('canopy reboot', () => {
  it('asks systemd-logind, and says so in one line when logind is not there', () => {
    // This container has a system bus (the polkit tests start one) or none, but never systemd-logind.
    const result = canopy(['reboot']);
    expect(result.status).toBe(8);
    expect(expectOneLineError(result)).toMatch(/^canopy: cannot reboot through systemd-logind: /);
  });
});
