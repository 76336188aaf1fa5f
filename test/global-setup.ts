// Builds the shared fixture once per test run, with the real ostree tools.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeTree } from '../main/demo/tree-builder';
import { stopGpgAgent } from './support/gpg';
import { buildFixture } from './fixtures/fixture';
import { createUsers } from './support/polkit';

export default function setup(): () => void {
  // Test files run in parallel, and two useradd at once fail on the passwd lock: create the users once, here.
  createUsers();
  const root = mkdtempSync(join(tmpdir(), 'canopy-fixture-'));
  const fixture = buildFixture(root);
  process.env.CANOPY_FIXTURE = root;
  // Services used in-process by tests cache here, never in the user's own cache.
  process.env.CANOPY_CACHE_DIR = join(root, 'cache');
  return () => {
    stopGpgAgent(fixture.gpgHome);
    removeTree(root);
  };
}
