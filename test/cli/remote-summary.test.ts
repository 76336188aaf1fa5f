// A remote's branches come from its summary, cached in the user's cache: reused while recent, fetched again on
// --refresh, and kept (marked stale) when the remote cannot be reached.
import { existsSync, mkdtempSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RefsResult } from '../../helper/protocol';
import { createDemo, demoPaths, DEMO_REMOTE, type DemoPaths } from '../../main/demo/demo-system';
import { removeTree, ServerRepo } from '../../main/demo/tree-builder';
import { signerIn } from '../fixtures/fixture';
import { canopyJson } from '../support/cli';
import { stopGpgAgent } from '../support/gpg';

const root = mkdtempSync(join(tmpdir(), 'canopy-summary-'));
const signer = signerIn(root);
let paths: DemoPaths;

const refs = (...extra: string[]): RefsResult => canopyJson<RefsResult>(['refs', DEMO_REMOTE, '--sysroot', paths.sysroot, ...extra]);
const names = (result: RefsResult): string[] => result.refs.map((r) => r.ref);

beforeAll(() => {
  paths = createDemo(demoPaths(join(root, 'demo')), signer);
});

afterAll(() => {
  stopGpgAgent(signer.homedir);
  removeTree(root);
});

describe('remote summaries', () => {
  it('are cached, fetched again on --refresh, and kept as stale when the remote is gone', () => {
    const first = refs();
    expect(first).toMatchObject({ stale: false, summarySigned: true });
    expect(names(first)).not.toContain('test/new');

    // The server gains a branch and publishes an unsigned summary.
    const unsigned = new ServerRepo(paths.remote);
    unsigned.commit({ ref: 'test/new', version: '0.1', timestamp: 1_700_000_000 });
    unsigned.updateSummary();
    expect(existsSync(join(paths.remote, 'summary.sig'))).toBe(false);

    expect(names(refs())).toEqual(names(first)); // Recent enough: the cached summary.
    const refreshed = refs('--refresh');
    expect(names(refreshed)).toContain('test/new');
    expect(refreshed).toMatchObject({ stale: false, summarySigned: false });
    // The signature of the summary it replaced must not vouch for this one.
    expect(refs()).toMatchObject({ summarySigned: false });

    renameSync(join(paths.remote, 'summary'), join(paths.remote, 'summary.gone'));
    const offline = refs('--refresh');
    expect(offline.stale).toBe(true);
    expect(names(offline)).toEqual(names(refreshed));
  });
});
