// Interrupted changes over a slowed HTTP remote: killed at random points of pull and deploy, or cancelled, the
// sysroot is always the old one or the new one, fsck stays clean, and a retry succeeds.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../helper/protocol';
import { canopyJson } from '../support/cli';
import { serveRepo, type HttpRemote } from '../support/http-remote';
import { run } from '../support/run';
import { scratchSystem, type ScratchSystem } from '../support/scratch-system';

const TARGET = 'demo:demo/2/x86_64/workstation';
const bin = join(import.meta.dirname, '../../bin/canopy.js');
let system: ScratchSystem;
let remote: HttpRemote;

beforeAll(async () => {
  system = scratchSystem();
  remote = await serveRepo(system.remote, 150);
  useRemote(remote.url);
}, 120_000);

afterAll(async () => {
  await remote.close();
  system.remove();
});

function useRemote(url: string): void {
  const repo = `--repo=${system.sysroot}/ostree/repo`;
  run('ostree', ['remote', 'delete', repo, 'demo']);
  run('ostree', ['remote', 'add', repo, '--set=gpg-verify=false', 'demo', url]);
}

function startSwitch(refspec: string) {
  const child = spawn(process.execPath, [bin, 'switch', refspec, '--sysroot', system.sysroot], {
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, CANOPY_CACHE_DIR: join(system.root, 'cache') },
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited };
}

describe('interrupted changes', () => {
  it('survive SIGKILL at random points of pull and deploy', async () => {
    const before = system.status().map((d) => d.checksum);
    const target = run('ostree', ['rev-parse', `--repo=${system.remote}`, 'demo/2/x86_64/workstation']).trim();
    let completed = 0;
    for (let attempt = 0; attempt < 10; attempt++) {
      const { child, exited } = startSwitch(TARGET);
      await sleep(100 + Math.floor(Math.random() * 2500));
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL'); // The CLI and its engine, the way a crash takes both.
      } catch {
        // ESRCH: it finished before the kill.
      }
      await exited;
      const now = system.status().map((d) => d.checksum);
      system.fsck();
      if (now[0] !== target) {
        expect(now).toEqual(before);
        continue;
      }
      // It finished before the kill: go back and drop what it fetched, so the next attempt pulls again.
      completed++;
      expect(now[1]).toBe(before[0]); // The deployment it replaced is kept as the rollback.
      expect(now.slice(1).every((checksum) => before.includes(checksum))).toBe(true);
      canopyJson(['rollback', '--sysroot', system.sysroot]);
      canopyJson(['cleanup', '--sysroot', system.sysroot]);
      expect(system.status().map((d) => d.checksum)).toEqual(before.slice(0, 1));
      before.splice(1);
    }
    // The remote is served by this process, so the retry must not block it the way spawnSync would.
    expect(await startSwitch(TARGET).exited).toBe(0);
    expect(system.status()[0]?.checksum).toBe(target);
    system.fsck();
    expect(completed).toBeLessThan(10); // Most kills must land mid-change, or this tests nothing.
  });

  it('cancel by interrupting the CLI changes nothing and is journaled', async () => {
    // A branch not pulled yet, from a remote slow enough (each request waits 300 ms) to interrupt mid-pull.
    const slow = await serveRepo(system.remote, 300);
    useRemote(slow.url);
    const before = system.status();
    const { child, exited } = startSwitch('demo:demo/1/x86_64/server');
    await slow.firstRequest;
    await sleep(400);
    child.kill('SIGINT');
    const code = await exited;
    await slow.close();
    const after = system.status();
    expect(code).toBe(130);
    expect(after).toEqual(before);
    const history = canopyJson<{ entries: HistoryEntry[] }>(['history', '--sysroot', system.sysroot]).entries;
    expect(history[0]).toMatchObject({ action: 'switch', result: 'cancelled' });
    system.fsck();
  });
});
