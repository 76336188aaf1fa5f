// The canopy-helper packages as built by `npm run package:helper`: contents, ownership, modes, dependencies.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTree } from '../../main/demo/tree-builder';
import { run } from '../support/run';

const out = mkdtempSync(join(tmpdir(), 'canopy-package-test-'));
let deb = '';
let rpm = '';

beforeAll(() => {
  run('bash', ['build/package-helper.sh', '--out', out]);
  const files = readdirSync(out);
  deb = join(out, files.find((f) => f.endsWith('.deb')) ?? 'missing.deb');
  rpm = join(out, files.find((f) => f.endsWith('.rpm')) ?? 'missing.rpm');
}, 120_000);
afterAll(() => {
  removeTree(out);
});

const EXPECTED = [
  ['/etc/canopy/helper.conf', 'root', '-rw-r--r--'],
  ['/usr/lib/canopy/engine.js', 'root', '-rw-r--r--'],
  ['/usr/libexec/canopy/canopy-helper', 'root', '-rwxr-xr-x'],
  ['/usr/share/polkit-1/actions/org.canopy.helper.policy', 'root', '-rw-r--r--'],
];

describe('canopy-helper packages', () => {
  it('the .deb holds root-owned files with fixed modes and no writable directory', () => {
    const listing = run('dpkg-deb', ['-c', deb]).trim().split('\n').map((line) => line.split(/\s+/));
    for (const [path, owner, mode] of EXPECTED) {
      const entry = listing.find((fields) => fields[5] === `.${path ?? ''}`);
      expect(entry?.[0], path).toBe(mode);
      expect(entry?.[1], path).toBe(`${owner ?? ''}/root`);
    }
    for (const fields of listing.filter((f) => f[0]?.startsWith('d'))) expect(fields[0], fields[5]).toBe('drwxr-xr-x');
    expect(run('dpkg-deb', ['-f', deb, 'Depends'])).toMatch(/gjs .*gir1\.2-ostree-1\.0.*polkitd.*pkexec/);
    expect(run('dpkg-deb', ['-f', deb, 'Package', 'Architecture'])).toBe('Package: canopy-helper\nArchitecture: all\n');
  });

  it('the .rpm holds the same files, root-owned, with the config marked noreplace', () => {
    const listing = run('rpm', ['-qplv', rpm]).trim().split('\n').map((line) => line.split(/\s+/));
    for (const [path, owner, mode] of EXPECTED) {
      const entry = listing.find((fields) => fields[8] === path);
      expect(entry?.[0], path).toBe(mode);
      expect(entry?.[2], path).toBe(owner);
    }
    expect(run('rpm', ['-qpc', rpm]).trim()).toBe('/etc/canopy/helper.conf');
    expect(run('rpm', ['-qpR', rpm])).toMatch(/gjs >= 1\.74[\s\S]*ostree-libs[\s\S]*polkit/);
  });

  it('the policy has one action per verb, bound to the installed helper', () => {
    const extracted = mkdtempSync(join(tmpdir(), 'canopy-deb-'));
    try {
      run('dpkg-deb', ['-x', deb, extracted]);
      const policy = run('cat', [join(extracted, 'usr/share/polkit-1/actions/org.canopy.helper.policy')]);
      for (const verb of ['upgrade', 'switch', 'deploy', 'rollback', 'pin', 'cleanup']) {
        expect(policy).toMatch(new RegExp(`<action id="org\\.canopy\\.${verb}">[\\s\\S]*?exec\\.path">/usr/libexec/canopy/canopy-helper<[\\s\\S]*?exec\\.argv1">${verb}<`));
      }
      expect(policy.match(/<allow_active>auth_admin_keep<\/allow_active>/g)).toHaveLength(6);
      expect(policy).not.toContain('@HELPER@');
    } finally {
      removeTree(extracted);
    }
  });
});
