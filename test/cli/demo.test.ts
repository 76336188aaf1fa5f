// The demo on a host that is not an OSTree system: built in the user's data directory, without root, for real.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Deployment, RefsResult } from '../../helper/protocol';
import { removeTree } from '../../main/demo/tree-builder';
import { canopy, canopyJson } from '../support/cli';
import { DENIED_USER, runAs } from '../support/polkit';
import { run } from '../support/run';

const data = mkdtempSync(join(tmpdir(), 'canopy-data-'));
const sysroot = join(data, 'demo/sysroot');

afterAll(() => {
  removeTree(data);
});

describe('canopy demo', () => {
  it('creates a demo system in the data directory and says where', () => {
    const result = canopy(['demo'], { CANOPY_DATA_DIR: data });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`The demo sysroot is ${sysroot}`);
    const { deployments } = canopyJson<{ deployments: Deployment[] }>(['status', '--sysroot', sysroot]);
    expect(deployments.map((d) => d.version)).toEqual(['1.1', '1.0']);
    const refs = canopyJson<RefsResult>(['refs', 'demo', '--sysroot', sysroot]);
    expect(refs.refs.map((r) => r.ref)).toContain('demo/2/x86_64/workstation');
  });

  it('keeps an existing demo, and --reset builds it again', () => {
    canopyJson(['rollback', '--sysroot', sysroot]);
    canopy(['demo'], { CANOPY_DATA_DIR: data });
    expect(canopyJson<{ deployments: Deployment[] }>(['status', '--sysroot', sysroot]).deployments[0]?.version).toBe('1.0');
    canopy(['demo', '--reset'], { CANOPY_DATA_DIR: data });
    expect(canopyJson<{ deployments: Deployment[] }>(['status', '--sysroot', sysroot]).deployments[0]?.version).toBe('1.1');
  });
});

describe('the demo without root', () => {
  it('is built, browsed and rolled back by an ordinary user', () => {
      const home = mkdtempSync(join(tmpdir(), 'canopy-user-'));
    run('chown', [DENIED_USER, home]);
    const env = { CANOPY_DATA_DIR: home, CANOPY_CACHE_DIR: join(home, 'cache'), HOME: home };
    const bin = join(import.meta.dirname, '../../bin/canopy.js');
    try {
      expect(runAs(DENIED_USER, process.execPath, [bin, 'demo'], env).status).toBe(0);
      const userSysroot = join(home, 'demo/sysroot');
      const rollback = runAs(DENIED_USER, process.execPath, [bin, 'rollback', '--sysroot', userSysroot, '--json'], env);
      expect(rollback.stderr).toBe('');
      expect((JSON.parse(rollback.stdout) as { deployments: Deployment[] }).deployments[0]?.version).toBe('1.0');
      const update = runAs(DENIED_USER, process.execPath, [bin, 'upgrade', '--sysroot', userSysroot], env);
      expect(update.status).toBe(0);
      expect(canopyJson<{ deployments: Deployment[] }>(['status', '--sysroot', userSysroot]).deployments[0]?.version).toBe('1.2');
    } finally {
      removeTree(home);
    }
  });
});
