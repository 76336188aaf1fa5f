// Interrupted changes over a slowed HTTP remote: killed at random points of pull and deploy, or cancelled, the
// sysroot is always the old one or the new one, fsck stays clean, and a retry succeeds.
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../helper/protocol';
import { canopyJson } from '../support/cli';
import { serveRepo, type HttpRemote } from '../support/http-remote';
import { run, startJob, type GroupJob } from '../support/run';
import { scratchSystem, type ScratchSystem } from '../support/scratch-system';

const bin = join(import.meta.dirname, '../../bin/canopy.js');
let system: ScratchSystem | null = null;
let remote: HttpRemote | null = null;

afterEach(async () => {
  await remote?.close();
  system?.remove();
});

/** A demo system of the test's own whose remote is served over HTTP by this process, each request delayed. */
async function systemOverHttp(delayMs: number): Promise<{ system: ScratchSystem; remote: HttpRemote }> {
  system = scratchSystem();
  remote = await serveRepo(system.remote, delayMs);
  const repo = `--repo=${system.sysroot}/ostree/repo`;
  run('ostree', ['remote', 'delete', repo, 'demo']);
  run('ostree', ['remote', 'add', repo, '--set=gpg-verify=false', 'demo', remote.url]);
  return { system, remote };
}

/** Runs `canopy switch` without blocking this process, which serves the remote. */
function startSwitch(sysroot: ScratchSystem, refspec: string): GroupJob {
  return startJob(process.execPath, [bin, 'switch', refspec, '--sysroot', sysroot.sysroot], {
    CANOPY_CACHE_DIR: join(sysroot.root, 'cache'),
  });
}

describe('interrupted changes', () => {
  it('survive SIGKILL at random points of pull and deploy', async () => {
    const { system } = await systemOverHttp(150);
    const refspec = 'demo:demo/2/x86_64/workstation';
    const target = run('ostree', ['rev-parse', `--repo=${system.remote}`, 'demo/2/x86_64/workstation']).trim();
    const before = system.status().map((d) => d.checksum);
    let completed = 0;
    for (let attempt = 0; attempt < 10; attempt++) {
      const { group, exited } = startSwitch(system, refspec);
      const delay = 100 + Math.floor(Math.random() * 2500);
      await sleep(delay);
      try {
        process.kill(-group, 'SIGKILL'); // The CLI and its engine, the way a crash takes both.
      } catch {
        // ESRCH: it finished before the kill.
      }
      const { stderr } = await exited;
      const now = system.status().map((d) => d.checksum);
      const context = `attempt ${String(attempt)}, killed after ${String(delay)} ms; ${stderr}`;
      system.fsck();
      if (now[0] !== target) {
        expect(now, context).toEqual(before);
        continue;
      }
      // It finished before the kill: go back and drop what it fetched, so the next attempt pulls again.
      completed++;
      expect(now[1], context).toBe(before[0]); // The deployment it replaced is kept as the rollback.
      expect(now.slice(1).every((checksum) => before.includes(checksum)), context).toBe(true);
      canopyJson(['rollback', '--sysroot', system.sysroot]);
      canopyJson(['cleanup', '--sysroot', system.sysroot]);
      expect(system.status().map((d) => d.checksum), context).toEqual(before.slice(0, 1));
      before.splice(1);
    }
    const retry = await startSwitch(system, refspec).exited;
    expect(retry.code, retry.stderr).toBe(0);
    expect(system.status()[0]?.checksum).toBe(target);
    system.fsck();
    expect(completed).toBeLessThan(10); // Most kills must land mid-change, or this tests nothing.
  });

  // The app cancels by signalling its CLI or closing the engine's input; a terminal's Ctrl-C signals the whole
  // foreground group, the engine included, which must take the same cancel path rather than die.
  it.each([
    ['interrupting the CLI', (pid: number) => pid],
    ['Ctrl-C to the whole process group', (pid: number) => -pid],
  ])('cancel by %s changes nothing and is journaled', async (_how, whom) => {
    // Each request waits 300 ms, so the pull is still going when it is interrupted.
    const { system, remote } = await systemOverHttp(300);
    const before = system.status();
    const { group, exited } = startSwitch(system, 'demo:demo/1/x86_64/server');
    const started = await Promise.race([remote.firstRequest.then(() => true), exited.then(() => false)]);
    expect(started, 'the switch ended before fetching anything').toBe(true);
    await sleep(400);
    process.kill(whom(group), 'SIGINT');
    const { code, stderr } = await exited;
    expect(code, stderr).toBe(130);
    expect(stderr).toMatch(/^canopy: cancelled; nothing was changed\n$/);
    expect(system.status()).toEqual(before);
    const history = canopyJson<{ entries: HistoryEntry[] }>(['history', '--sysroot', system.sysroot]).entries;
    expect(history[0]).toMatchObject({ action: 'switch', result: 'cancelled' });
    system.fsck();
  });
});
