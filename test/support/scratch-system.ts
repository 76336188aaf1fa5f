// A demo system of a test's own, for tests that change a sysroot (the shared fixture stays read-only).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Deployment } from '../../helper/protocol';
import { createDemo, demoPaths, type DemoPaths } from '../../main/demo/demo-system';
import type { Signer } from '../../main/demo/tree-builder';
import { removeTree } from '../../main/demo/tree-builder';
import { signerIn } from '../fixtures/fixture';
import { canopyJson } from './cli';
import { stopGpgAgent } from './gpg';
import { run } from './run';

export interface ScratchSystem extends DemoPaths {
  /** Who signs the remote's commits and summary, when it is signed; its keyring holds libostree's test keys. */
  signer: Signer | null;
  status: () => Deployment[];
  fsck: () => void;
  remove: () => void;
}

/** A demo system; `signed` signs its remote with the first test key, which the sysroot's remote then trusts. */
export function scratchSystem(options: { signed?: boolean } = {}): ScratchSystem {
  const root = mkdtempSync(join(tmpdir(), 'canopy-scratch-'));
  const signer = options.signed ? signerIn(root) : null;
  const paths = createDemo(demoPaths(join(root, 'system')), signer);
  return {
    ...paths,
    signer,
    status: () => canopyJson<{ deployments: Deployment[] }>(['status', '--sysroot', paths.sysroot]).deployments,
    fsck: () => {
      run('ostree', ['fsck', `--repo=${paths.sysroot}/ostree/repo`]);
    },
    remove: () => {
      if (signer) stopGpgAgent(signer.homedir);
      removeTree(root);
    },
  };
}
