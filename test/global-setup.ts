// Builds the shared fixture once per test run, with the real ostree tools, and gives the run a temporary directory
// of its own that goes at the end, with whatever tests and the processes they start left in it.
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeTree } from '../main/demo/tree-builder';
import { stopGpgAgent } from './support/gpg';
import { buildFixture } from './fixtures/fixture';
import { createUsers } from './support/polkit';

export default function setup(): () => void {
  // Test files run in parallel, and two useradd at once fail on the passwd lock: create the users once, here.
  createUsers();
  const run = mkdtempSync(join(tmpdir(), 'canopy-test-run-'));
  chmodSync(run, 0o1777); // It stands in for /tmp, for the test users too.
  process.env.TMPDIR = run;
  const root = mkdtempSync(join(run, 'canopy-fixture-'));
  const fixture = buildFixture(root);
  process.env.CANOPY_FIXTURE = root;
  // Services used in-process by tests cache here, never in the user's own cache.
  process.env.CANOPY_CACHE_DIR = join(root, 'cache');
  return () => {
    stopGpgAgent(fixture.gpgHome);
    removeTree(run);
  };
}
