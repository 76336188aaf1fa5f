// A demo system of a test's own, for tests that change a sysroot (the shared fixture stays read-only).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Deployment } from '../../helper/protocol';
import { createDemo, demoPaths, type DemoPaths } from '../../main/demo/demo-system';
import { removeTree } from '../../main/demo/tree-builder';
import { canopyJson } from './cli';
import { run } from './run';

export interface ScratchSystem extends DemoPaths {
  status: () => Deployment[];
  fsck: () => void;
  remove: () => void;
}

export function scratchSystem(): ScratchSystem {
  const paths = createDemo(demoPaths(mkdtempSync(join(tmpdir(), 'canopy-scratch-'))));
  return {
    ...paths,
    status: () => canopyJson<{ deployments: Deployment[] }>(['status', '--sysroot', paths.sysroot]).deployments,
    fsck: () => {
      run('ostree', ['fsck', `--repo=${paths.sysroot}/ostree/repo`]);
    },
    remove: () => {
      removeTree(paths.root);
    },
  };
}
