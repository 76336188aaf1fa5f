// The background check against a real sysroot and remote: an update is announced once, across restarts, and again
// only when a newer commit appears; a failed check announces nothing.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { UpdateCheckResult } from '../../helper/protocol';
import { UpdateNotifier } from '../../main/app/update-notifier';
import { DEMO_BRANCH } from '../../main/demo/demo-system';
import { ServerRepo } from '../../main/demo/tree-builder';
import { CanopyService } from '../../main/services/canopy-service';
import { run } from '../support/run';
import { scratchSystem } from '../support/scratch-system';

const system = scratchSystem();
const service = new CanopyService();
const stateFile = join(mkdtempSync(join(tmpdir(), 'canopy-notifier-')), 'announced-update');

afterAll(async () => {
  await service.close();
  system.remove();
});

function notifier(announced: UpdateCheckResult[], check = () => service.checkUpdate(system.sysroot)): UpdateNotifier {
  return new UpdateNotifier(check, (update) => announced.push(update), stateFile);
}

describe('the update notifier', () => {
  it('announces an update once per commit, even after a restart', async () => {
    const announced: UpdateCheckResult[] = [];
    await notifier(announced).run();
    await notifier(announced).run();
    expect(announced.map((update) => update.version)).toEqual(['1.2']);

    const server = new ServerRepo(system.remote);
    server.commit({ ref: DEMO_BRANCH, version: '1.3', timestamp: 1_733_000_000 });
    server.updateSummary();
    await notifier(announced).run();
    expect(announced.map((update) => update.version)).toEqual(['1.2', '1.3']);
  });

  it('stays silent when the check fails', async () => {
    const announced: UpdateCheckResult[] = [];
    run('ostree', ['remote', 'delete', `--repo=${system.sysroot}/ostree/repo`, 'demo']);
    run('ostree', ['remote', 'add', `--repo=${system.sysroot}/ostree/repo`, '--set=gpg-verify=false', 'demo', 'file:///nonexistent']);
    await expect(notifier(announced).run()).resolves.toBeNull();
    expect(announced).toEqual([]);
  });
});
