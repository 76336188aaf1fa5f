// Privileged changes through the installed helper, a real polkitd and pkexec: the denied user changes nothing and
// can still read, the allowed user succeeds, and hostile input to the root helper is refused with nothing changed.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deployment } from '../../helper/protocol';
import { createDemo, demoPaths } from '../../main/demo/demo-system';
import { removeTree } from '../../main/demo/tree-builder';
import { canopyJson } from '../support/cli';
import { hostileInput } from '../support/hostile-requests';
import { serveRepo } from '../support/http-remote';
import { ALLOWED_USER, DENIED_USER, INSTALLED_HELPER, installHelperPackage, purgeHelperPackage, runAs, startAs, startPolkit } from '../support/polkit';
import { run, runStatus } from '../support/run';

const root = mkdtempSync(join(tmpdir(), 'canopy-polkit-'));
const paths = demoPaths(join(root, 'system'));
const helper = INSTALLED_HELPER;
const bin = join(import.meta.dirname, '../../bin/canopy.js');

const statusOf = (): Deployment[] => canopyJson<{ deployments: Deployment[] }>(['status', '--sysroot', paths.sysroot]).deployments;
const asUser = (user: string, args: string[]) =>
  runAs(user, process.execPath, [bin, ...args], { CANOPY_CACHE_DIR: join(root, `cache-${user}`), HOME: root });

beforeAll(async () => {
  chmodSync(root, 0o755);
  createDemo(paths);
  await startPolkit();
  installHelperPackage([paths.sysroot]);
}, 300_000);

afterAll(() => {
  purgeHelperPackage();
  removeTree(root);
});

describe('the polkit helper', () => {
  it('is installed from the package root-owned, with no user-writable directory on the way', () => {
    const paths = [helper, '/usr/lib/canopy/engine.js', '/etc/canopy/helper.conf', '/usr/share/polkit-1/actions/org.canopy.helper.policy'];
    const stat = run('stat', ['-c', '%U %a', ...paths]);
    expect(stat.trim().split('\n')).toEqual(['root 755', 'root 644', 'root 644', 'root 644']);
    for (const dir of ['/usr', '/usr/libexec', '/usr/libexec/canopy', '/usr/lib', '/usr/lib/canopy', '/etc', '/etc/canopy']) {
      const [owner, mode] = run('stat', ['-c', '%U %a', dir]).trim().split(' ');
      expect(owner, dir).toBe('root');
      expect(Number.parseInt(mode ?? '777', 8) & 0o022, dir).toBe(0);
    }
  });

  it('lets the denied user read but not change anything', () => {
    const before = statusOf();
    const read = asUser(DENIED_USER, ['status', '--sysroot', paths.sysroot, '--json']);
    expect(read.status).toBe(0);
    expect((JSON.parse(read.stdout) as { deployments: Deployment[] }).deployments).toEqual(before);
    const change = asUser(DENIED_USER, ['rollback', '--sysroot', paths.sysroot]);
    expect(change.status).toBe(7);
    expect(change.stderr.trim()).toMatch(/^canopy: not authorized/);
    expect(statusOf()).toEqual(before);
  });

  it('lets the allowed user roll back and pin, and journals who did it', () => {
    const before = statusOf();
    const rollback = asUser(ALLOWED_USER, ['rollback', '--sysroot', paths.sysroot, '--json']);
    expect(rollback.stderr).toBe('');
    expect(rollback.status).toBe(0);
    const after = statusOf();
    expect(after.map((d) => d.checksum)).toEqual([before[1]?.checksum, before[0]?.checksum]);
    expect(asUser(ALLOWED_USER, ['pin', '1', '--sysroot', paths.sysroot]).status).toBe(0);
    expect(statusOf()[1]?.pinned).toBe(true);
    const history = canopyJson<{ entries: { user: string; action: string; result: string }[] }>(['history', '--sysroot', paths.sysroot]);
    expect(history.entries.slice(0, 2)).toMatchObject([
      { user: ALLOWED_USER, action: 'pin', result: 'ok' },
      { user: ALLOWED_USER, action: 'rollback', result: 'ok' },
    ]);
    // The journal is written by root and read by anyone, as the unprivileged app shows it.
    const read = asUser(DENIED_USER, ['history', '--sysroot', paths.sysroot, '--json']);
    expect(read.stderr).toBe('');
    expect(JSON.parse(read.stdout)).toEqual(history);
  });

  it('lets the allowed user switch, update, deploy and clean up through pkexec', () => {
    const denied = asUser(DENIED_USER, ['switch', 'demo:demo/2/x86_64/workstation', '--sysroot', paths.sysroot]);
    expect(denied.status).toBe(7);
    for (const args of [['switch', 'demo:demo/2/x86_64/workstation'], ['deploy', '2.0'], ['upgrade'], ['cleanup']]) {
      const result = asUser(ALLOWED_USER, [...args, '--sysroot', paths.sysroot]);
      expect(result.stderr, args.join(' ')).toBe('');
      expect(result.status, args.join(' ')).toBe(0);
    }
    const after = statusOf();
    expect(after[0]).toMatchObject({ origin: 'demo:demo/2/x86_64/workstation', version: '2.1' });
    expect(after.filter((d) => !d.pinned)).toHaveLength(1);
    run('ostree', ['fsck', `--repo=${paths.sysroot}/ostree/repo`]);
  });

  it('cancels a change through pkexec on Ctrl-C, with nothing changed and the cancel journaled', async () => {
    // A terminal's Ctrl-C reaches the root helper too, since pkexec execs it in the same foreground group.
    const remote = await serveRepo(paths.remote, 300);
    const repo = `--repo=${paths.sysroot}/ostree/repo`;
    run('ostree', ['remote', 'add', repo, '--set=gpg-verify=false', 'slow', remote.url]);
    try {
      const before = statusOf();
      const job = startAs(ALLOWED_USER, process.execPath, [bin, 'switch', 'slow:demo/1/x86_64/server', '--sysroot', paths.sysroot], {
        CANOPY_CACHE_DIR: join(root, `cache-${ALLOWED_USER}`),
        HOME: root,
      });
      const started = await Promise.race([remote.firstRequest.then(() => true), job.exited.then(() => false)]);
      expect(started, 'the switch ended before fetching anything').toBe(true);
      await sleep(400);
      process.kill(-job.group, 'SIGINT');
      const { code, stderr } = await job.exited;
      expect(stderr).toBe('canopy: cancelled; nothing was changed\n');
      expect(code).toBe(130);
      expect(statusOf()).toEqual(before);
      const history = canopyJson<{ entries: { user: string; action: string; result: string }[] }>(['history', '--sysroot', paths.sysroot]);
      expect(history.entries[0]).toMatchObject({ user: ALLOWED_USER, action: 'switch', result: 'cancelled' });
      run('ostree', ['fsck', repo]);
    } finally {
      await remote.close();
      run('ostree', ['remote', 'delete', repo, 'slow']);
    }
  });

  it('says when the helper is not installed, and finds one installed under /usr/local', () => {
    const install = ['build/install-helper.sh', '--prefix', '/usr/local', '--allow-sysroot', paths.sysroot];
    // The polkit policy names one helper: a second install is refused rather than take it over.
    const clash = runStatus('bash', install);
    expect(clash.status).toBe(1);
    expect(clash.stderr).toBe(`install-helper.sh: /usr/share/polkit-1/actions/org.canopy.helper.policy names another helper (${helper}); uninstall that one first\n`);
    purgeHelperPackage();
    try {
      const missing = asUser(ALLOWED_USER, ['rollback', '--sysroot', paths.sysroot]);
      expect(missing.stderr).toBe('canopy: the privileged helper is not installed: install the canopy-helper package (or run build/install-helper.sh as root)\n');
      expect(missing.status).toBe(8);
      run('bash', install);
      const before = statusOf();
      const rollback = asUser(ALLOWED_USER, ['rollback', '--sysroot', paths.sysroot]);
      expect(rollback.stderr).toBe('');
      expect(rollback.status).toBe(0);
      expect(statusOf().map((d) => d.checksum)).toEqual([before[1]?.checksum, before[0]?.checksum]);
    } finally {
      run('bash', [...install, '--uninstall']);
      installHelperPackage([paths.sysroot]);
    }
  });

  it('refuses hostile input as root, with the sysroot unchanged and fsck clean', () => {
    const before = statusOf();
    const target = { kind: 'sysroot', path: paths.sysroot };
    const hostile: [string, string, RegExp][] = [
      ['rollback', 'not json', /not JSON/],
      ['rollback', JSON.stringify({ id: 1, method: 'pin', params: { target, index: 0, pinned: true } }), /authorized for rollback, not pin/],
      ['pin', JSON.stringify({ id: 1, method: 'pin', params: { target, index: 99, pinned: true } }), /out of range/],
      ['pin', JSON.stringify({ id: 1, method: 'pin', params: { target, index: -1, pinned: true } }), /index/],
      ['switch', JSON.stringify({ id: 1, method: 'switch', params: { target, refspec: 'demo:../../etc' } }), /refspec/],
      ['switch', JSON.stringify({ id: 1, method: 'switch', params: { target, refspec: 'demo:x;rm -rf /' } }), /refspec/],
      ['switch', JSON.stringify({ id: 1, method: 'switch', params: { target, refspec: 'nosuchremote:demo/1/x86_64/workstation' } }), /unknown remote/],
      ['rollback', JSON.stringify({ id: 1, method: 'rollback', params: { target: { kind: 'sysroot', path: root } } }), /not allowed/],
      ['rollback', JSON.stringify({ id: 1, method: 'rollback', params: { target: { kind: 'sysroot', path: `${paths.sysroot}/../system/sysroot` } } }), /not allowed/],
      ['rollback', 'x'.repeat(2 * 1024 * 1024), /longer than/],
      ['--config', '', /unknown verb|usage/],
    ];
    for (const [verb, input, message] of hostile) {
      const result = spawnSync(helper, [verb], { input: `${input}\n`, encoding: 'utf8', timeout: 60_000 });
      expect(result.stdout, `${verb} ${input.slice(0, 80)}`).toMatch(message);
      expect(result.stdout).toContain('"error"');
    }
    expect(statusOf()).toEqual(before);
    run('ostree', ['fsck', `--repo=${paths.sysroot}/ostree/repo`]);
  });

  it('refuses generated hostile input as root, with nothing changed or journaled', async () => {
    const before = statusOf();
    const historyBefore = canopyJson<{ entries: unknown[] }>(['history', '--sysroot', paths.sysroot]).entries;
    const inputs = hostileInput({ sysroot: paths.sysroot, knownRemotes: ['demo'], deploymentCount: before.length });
    await fc.assert(
      fc.asyncProperty(inputs, async ({ verb, line }) => {
        const { answer, code, stderr } = await askHelper(verb, line);
        // A refusal names what is wrong; 'internal' would mean the input reached code that did not expect it.
        expect(answer?.error?.code ?? 'no answer', `${JSON.stringify(answer)} ${stderr}`).toMatch(/^(invalid-argument|permission-denied|not-found)$/);
        expect(code).not.toBe(0);
      }),
      { numRuns: 120 },
    );
    expect(statusOf()).toEqual(before);
    expect(canopyJson<{ entries: unknown[] }>(['history', '--sysroot', paths.sysroot]).entries).toEqual(historyBefore);
    run('ostree', ['fsck', `--repo=${paths.sysroot}/ostree/repo`]);
  }, 300_000);
});

type Answer = { error?: { code: string }; progress?: unknown };

/** One request to the root helper, its input held open until it answers, as the CLI does (closing it cancels). */
function askHelper(verb: string, line: string): Promise<{ answer: Answer | undefined; code: number | null; stderr: string }> {
  const child = spawn(helper, [verb], { stdio: ['pipe', 'pipe', 'pipe'] });
  const answers: Answer[] = [];
  let stdout = '';
  let stderr = '';
  child.stdin.on('error', () => undefined); // The helper may refuse and exit before it reads everything.
  createInterface({ input: child.stdout }).on('line', (text) => {
    stdout += `${text}\n`;
    if (!text.startsWith('{')) return; // libostree's own chatter
    const message = JSON.parse(text) as Answer;
    if (message.progress) return;
    answers.push(message);
    child.stdin.end();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdin.write(`${line}\n`);
  return new Promise((resolve) => {
    child.once('error', (error) => {
      resolve({ answer: undefined, code: null, stderr: error.message });
    });
    child.once('close', (code) => {
      if (answers.length !== 1) stderr += `\nexpected one answer, got: ${stdout}`;
      resolve({ answer: answers.length === 1 ? answers[0] : undefined, code, stderr });
    });
  });
}
