// A remote's branches come from its summary, cached in the user's cache: reused while recent, fetched again on
// --refresh, and kept (marked stale) when the remote cannot be reached.
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RefsResult } from '../../helper/protocol';
import { DEMO_REMOTE } from '../../main/demo/demo-system';
import { ServerRepo } from '../../main/demo/tree-builder';
import { canopyJson } from '../support/cli';
import { scratchSystem, type ScratchSystem } from '../support/scratch-system';

let system: ScratchSystem;

const refs = (...extra: string[]): RefsResult => canopyJson<RefsResult>(['refs', DEMO_REMOTE, '--sysroot', system.sysroot, ...extra]);
const names = (result: RefsResult): string[] => result.refs.map((r) => r.ref);

beforeAll(() => {
  system = scratchSystem({ signed: true });
});

afterAll(() => {
  system.remove();
});

describe('remote summaries', () => {
  it('are cached, fetched again on --refresh, and kept as stale when the remote is gone', () => {
    const first = refs();
    expect(first).toMatchObject({ stale: false, summarySigned: true });
    expect(names(first)).not.toContain('test/new');

    // The server gains a branch and publishes an unsigned summary.
    const unsigned = new ServerRepo(system.remote);
    unsigned.commit({ ref: 'test/new', version: '0.1', timestamp: 1_700_000_000 });
    unsigned.updateSummary();
    expect(existsSync(join(system.remote, 'summary.sig'))).toBe(false);

    expect(names(refs())).toEqual(names(first)); // Recent enough: the cached summary.
    const refreshed = refs('--refresh');
    expect(names(refreshed)).toContain('test/new');
    expect(refreshed).toMatchObject({ stale: false, summarySigned: false });
    // The signature of the summary it replaced must not vouch for this one.
    expect(refs()).toMatchObject({ summarySigned: false });

    renameSync(join(system.remote, 'summary'), join(system.remote, 'summary.gone'));
    const offline = refs('--refresh');
    expect(offline.stale).toBe(true);
    expect(names(offline)).toEqual(names(refreshed));
  });
});
