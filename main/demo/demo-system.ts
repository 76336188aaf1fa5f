// The demo: a real sysroot and a real local remote in the user's data directory, with several branches, histories
// and package lists, so a newcomer can browse, diff, switch and roll back for real without root.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PackageTuple } from '../../helper/protocol';
import { dataDir } from '../paths';
import { ServerRepo, SysrootBuilder, removeTree, type Signer } from './tree-builder';

export const DEMO_OS = 'demo';
export const DEMO_REMOTE = 'demo';
export const DEMO_BRANCH = 'demo/1/x86_64/workstation';

const BASE_PACKAGES = [
  'bash', 'coreutils', 'glibc', 'systemd', 'kernel', 'firefox', 'gnome-shell', 'mesa-libGL', 'NetworkManager', 'flatpak',
  'ostree', 'rpm-ostree', 'openssl-libs', 'python3', 'vim-minimal', 'git-core', 'podman', 'toolbox', 'pipewire', 'gtk4',
];

/** A package set that changes in a predictable way from one version to the next. */
export function demoPackages(major: number, minor: number, arch = 'x86_64'): PackageTuple[] {
  const packages: PackageTuple[] = BASE_PACKAGES.map((name, i) => [
    name,
    '0',
    `${String(major)}.${String((minor * (i % 3)) % 7)}.${String(i % 4)}`,
    `${String(1 + (i % 2 === 0 ? minor : 0))}.fc${String(40 + major)}`,
    name === 'firefox' || name === 'kernel' ? arch : i % 5 === 0 ? 'noarch' : arch,
  ]);
  if (minor >= 1) packages.push(['htop', '0', '3.3.0', '1.fc41', arch]);
  if (minor >= 2) packages.push(['fastfetch', '0', '2.8.1', '1.fc41', arch]);
  if (minor === 0) packages.push(['neofetch', '0', '7.1.0', '3.fc40', 'noarch']);
  if (major >= 2) packages.push(['glibc', '0', '2.40', '1.fc42', 'i686']);
  return packages;
}

interface BranchSpec {
  ref: string;
  versions: string[];
  endOfLifeRebase?: string;
}

const BRANCHES: BranchSpec[] = [
  { ref: 'demo/0/x86_64/workstation', versions: ['0.9'], endOfLifeRebase: DEMO_BRANCH },
  { ref: DEMO_BRANCH, versions: ['1.0', '1.1', '1.2'] },
  { ref: 'demo/1/x86_64/server', versions: ['1.0', '1.1'] },
  { ref: 'demo/1/aarch64/workstation', versions: ['1.0'] },
  { ref: 'demo/2/x86_64/workstation', versions: ['2.0', '2.1'] },
];

const EPOCH = 1_730_000_000;

export interface DemoPaths {
  root: string;
  remote: string;
  sysroot: string;
}

export function demoPaths(root = join(dataDir(), 'demo')): DemoPaths {
  return { root, remote: join(root, 'remote'), sysroot: join(root, 'sysroot') };
}

/** Builds the remote and the sysroot: deployed 1.0 then 1.1 of the main branch, whose tip 1.2 is the update. */
export function createDemo(paths: DemoPaths, signer: Signer | null = null): DemoPaths {
  removeTree(paths.root);
  mkdirSync(paths.root, { recursive: true });
  const server = new ServerRepo(paths.remote, signer);
  BRANCHES.forEach((branch, b) => {
    branch.versions.forEach((version, v) => {
      const [major = 0, minor = 0] = version.split('.').map(Number);
      const last = v === branch.versions.length - 1;
      server.commit({
        ref: branch.ref,
        version,
        timestamp: EPOCH + b * 86_400 + v * 7 * 86_400,
        subject: `${branch.ref} ${version}`,
        body: `Release ${version} of ${branch.ref}.`,
        pkglist: demoPackages(major, minor, branch.ref.split('/')[2]),
        files: { [`usr/share/demo/release-${version}`]: `${version}\n` },
        stringMetadata:
          branch.endOfLifeRebase && last
            ? { 'ostree.endoflife': `${branch.ref} has reached its end of life`, 'ostree.endoflife-rebase': branch.endOfLifeRebase }
            : {},
      });
    });
  });
  server.updateSummary();
  const sysroot = new SysrootBuilder(paths.sysroot, DEMO_OS);
  sysroot.addRemote(DEMO_REMOTE, server.url, signer ? join(signer.homedir, 'key1.asc') : null);
  const refspec = `${DEMO_REMOTE}:${DEMO_BRANCH}`;
  sysroot.deploy(refspec, server.revParse(`${DEMO_BRANCH}^^`));
  sysroot.deploy(refspec, server.revParse(`${DEMO_BRANCH}^`));
  return paths;
}

export function ensureDemo(paths = demoPaths()): DemoPaths {
  if (existsSync(join(paths.sysroot, 'ostree/deploy', DEMO_OS))) return paths;
  return createDemo(paths);
}

export function isOstreeHost(): boolean {
  return existsSync('/run/ostree-booted');
}
