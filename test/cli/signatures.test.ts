// A commit signed by a key the remote does not trust: never deployed, and shown as signed but not valid.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_REMOTE } from '../../main/demo/demo-system';
import { ServerRepo } from '../../main/demo/tree-builder';
import { CanopyService } from '../../main/services/canopy-service';
import { canopy, expectOneLineError } from '../support/cli';
import { run } from '../support/run';
import { scratchSystem, type ScratchSystem } from '../support/scratch-system';

/** The second key of libostree's test keyring: the demo remote trusts only the first. */
const FOREIGN_KEY_ID = 'D8228CFECA950D41';
const FOREIGN_REF = 'test/foreign';

let system: ScratchSystem;
const service = new CanopyService();

beforeAll(() => {
  system = scratchSystem({ signed: true });
  const homedir = system.signer?.homedir ?? '';
  new ServerRepo(system.remote, { homedir, keyId: FOREIGN_KEY_ID }).commit({ ref: FOREIGN_REF, version: '9.0', timestamp: 1_700_000_000 });
  new ServerRepo(system.remote, system.signer).updateSummary();
});

afterAll(async () => {
  await service.close();
  system.remove();
});

describe('a commit signed by an untrusted key', () => {
  it('is refused by a switch, which leaves the system as it was', () => {
    const before = system.status();
    const result = canopy(['switch', `${DEMO_REMOTE}:${FOREIGN_REF}`, '--sysroot', system.sysroot]);
    expect(result.status).toBe(6);
    expect(expectOneLineError(result)).toMatch(/^canopy: cannot fetch demo:test\/foreign: .*(GPG|signature|public key)/i);
    expect(system.status()).toEqual(before);
  });

  it('is signed but not valid for the remote, with the key named as missing', async () => {
    // Fetched without verification, as `ostree pull-local` does, to ask the remote's verdict on it.
    run('ostree', ['pull-local', `--repo=${system.sysroot}/ostree/repo`, system.remote, FOREIGN_REF]);
    const checksum = run('ostree', ['rev-parse', `--repo=${system.remote}`, FOREIGN_REF]).trim();
    const result = await service.read('verify', { target: { kind: 'sysroot', path: system.sysroot }, rev: checksum, remote: DEMO_REMOTE });
    expect(result).toMatchObject({ signed: true, valid: false });
    expect(result.signatures).toHaveLength(1);
    expect(result.signatures[0]).toMatchObject({ valid: false, keyMissing: true });
    expect(result.signatures[0]?.keyId).toMatch(new RegExp(`${FOREIGN_KEY_ID}$`));
  });
});
