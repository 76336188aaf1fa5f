// A commit signed by a key the remote does not trust: shown as signed but not valid, and never deployed.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemo, demoPaths, DEMO_REMOTE, type DemoPaths } from '../../main/demo/demo-system';
import { removeTree, ServerRepo } from '../../main/demo/tree-builder';
import { CanopyService } from '../../main/services/canopy-service';
import { signerIn } from '../fixtures/fixture';
import { stopGpgAgent } from '../support/gpg';
import { canopy, canopyJson, expectOneLineError } from '../support/cli';
import { run } from '../support/run';

/** The second key of libostree's test keyring: the demo remote trusts only the first. */
const FOREIGN_KEY_ID = 'D8228CFECA950D41';
const FOREIGN_REF = 'test/foreign';

const root = mkdtempSync(join(tmpdir(), 'canopy-signatures-'));
const signer = signerIn(root);
let paths: DemoPaths;
const service = new CanopyService();

beforeAll(() => {
  paths = createDemo(demoPaths(join(root, 'demo')), signer);
  new ServerRepo(paths.remote, { homedir: signer.homedir, keyId: FOREIGN_KEY_ID }).commit({ ref: FOREIGN_REF, version: '9.0', timestamp: 1_700_000_000 });
  new ServerRepo(paths.remote, signer).updateSummary();
});

afterAll(async () => {
  await service.close();
  stopGpgAgent(signer.homedir);
  removeTree(root);
});

describe('a commit signed by an untrusted key', () => {
  it('is refused by a switch, which leaves the system as it was', () => {
    const before = canopyJson<{ deployments: unknown[] }>(['status', '--sysroot', paths.sysroot]).deployments;
    const result = canopy(['switch', `${DEMO_REMOTE}:${FOREIGN_REF}`, '--sysroot', paths.sysroot]);
    expect(result.status).toBe(6);
    expect(expectOneLineError(result)).toMatch(/^canopy: cannot fetch demo:test\/foreign: .*(GPG|signature|public key)/i);
    expect(canopyJson<{ deployments: unknown[] }>(['status', '--sysroot', paths.sysroot]).deployments).toEqual(before);
  });

  it('is signed but not valid for the remote, with the key named as missing', async () => {
    // Fetched without verification, as `ostree pull-local` does, to ask the remote's verdict on it.
    run('ostree', ['pull-local', `--repo=${paths.sysroot}/ostree/repo`, paths.remote, FOREIGN_REF]);
    const checksum = run('ostree', ['rev-parse', `--repo=${paths.remote}`, FOREIGN_REF]).trim();
    const result = await service.read('verify', { target: { kind: 'sysroot', path: paths.sysroot }, rev: checksum, remote: DEMO_REMOTE });
    expect(result).toMatchObject({ signed: true, valid: false });
    expect(result.signatures).toHaveLength(1);
    expect(result.signatures[0]).toMatchObject({ valid: false, keyMissing: true });
    expect(result.signatures[0]?.keyId).toMatch(new RegExp(`${FOREIGN_KEY_ID}$`));
  });
});
