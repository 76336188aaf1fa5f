// Builds real OSTree content with the real ostree tools: an archive repository to serve as a remote, bootable
// commits with metadata, and sysroots deployed from it. The test fixtures and the demo both use it.
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { PackageTuple } from '../../helper/protocol';

function ostree(args: string[], env: NodeJS.ProcessEnv = {}): string {
  try {
    return execFileSync('ostree', args, {
      encoding: 'utf8',
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    }).trim();
  } catch (error) {
    const failure = error as { stderr?: string };
    throw new Error(`ostree ${args.join(' ')}: ${failure.stderr?.trim() ?? String(error)}`);
  }
}

export interface Signer {
  homedir: string;
  keyId: string;
}

export interface CommitSpec {
  ref: string;
  version: string;
  /** Unix seconds; fixed so that fixtures are reproducible. */
  timestamp: number;
  subject?: string;
  body?: string;
  /** Extra files, by path inside the tree. */
  files?: Record<string, string>;
  /** Directories copied into the tree, by path inside the tree (a package database, say). */
  trees?: Record<string, string>;
  /** Symbolic links, by path inside the tree, to their targets. */
  links?: Record<string, string>;
  stringMetadata?: Record<string, string>;
  pkglist?: PackageTuple[];
  sign?: boolean;
}

function gvariantString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export function pkglistMetadata(packages: PackageTuple[]): string {
  return `[${packages.map((fields) => `(${fields.map(gvariantString).join(', ')})`).join(', ')}]`;
}

export class ServerRepo {
  constructor(
    readonly path: string,
    private readonly signer: Signer | null = null,
  ) {
    mkdirSync(path, { recursive: true });
    if (!existsSync(join(path, 'config'))) ostree(['init', `--repo=${path}`, '--mode=archive']);
  }

  get url(): string {
    return `file://${this.path}`;
  }

  commit(spec: CommitSpec): string {
    const tree = mkdtempSync(join(tmpdir(), 'canopy-tree-'));
    // mkdtemp makes 0700 directories; a real tree's root is 0755, and other users must be able to read deployments.
    chmodSync(tree, 0o755);
    try {
      const os = spec.ref.split('/')[0] ?? 'os';
      const files: Record<string, string> = {
        'usr/lib/modules/6.1.0/vmlinuz': `kernel for ${spec.ref} ${spec.version}\n`,
        'usr/lib/modules/6.1.0/initramfs.img': `initramfs ${spec.version}\n`,
        'usr/etc/os-release': `ID=${os}\nNAME=${os}\nVERSION_ID=${spec.version}\nPRETTY_NAME="${os} ${spec.version}"\n`,
        'usr/share/canopy-demo/version': `${spec.ref} ${spec.version}\n`,
        ...spec.files,
      };
      for (const [path, content] of Object.entries(files)) {
        mkdirSync(dirname(join(tree, path)), { recursive: true });
        writeFileSync(join(tree, path), content);
      }
      for (const [path, source] of Object.entries(spec.trees ?? {})) {
        cpSync(source, join(tree, path), { recursive: true, verbatimSymlinks: true });
      }
      for (const [path, target] of Object.entries(spec.links ?? {})) {
        mkdirSync(dirname(join(tree, path)), { recursive: true });
        symlinkSync(target, join(tree, path));
      }
      const args = [
        'commit',
        `--repo=${this.path}`,
        `--branch=${spec.ref}`,
        `--tree=dir=${tree}`,
        `--subject=${spec.subject ?? `${spec.ref} ${spec.version}`}`,
        `--body=${spec.body ?? ''}`,
        `--timestamp=@${String(spec.timestamp)}`,
        `--add-metadata-string=version=${spec.version}`,
        '--bootable',
        '--owner-uid=0',
        '--owner-gid=0',
      ];
      for (const [key, value] of Object.entries(spec.stringMetadata ?? {})) args.push(`--add-metadata-string=${key}=${value}`);
      if (spec.pkglist) args.push(`--add-metadata=rpmostree.rpmdb.pkglist=${pkglistMetadata(spec.pkglist)}`);
      if (spec.sign !== false && this.signer) args.push(`--gpg-sign=${this.signer.keyId}`, `--gpg-homedir=${this.signer.homedir}`);
      return ostree(args);
    } finally {
      rmSync(tree, { recursive: true, force: true });
    }
  }

  updateSummary(): void {
    const args = ['summary', `--repo=${this.path}`, '--update'];
    if (this.signer) args.push(`--gpg-sign=${this.signer.keyId}`, `--gpg-homedir=${this.signer.homedir}`);
    ostree(args);
  }

  revParse(ref: string): string {
    return ostree(['rev-parse', `--repo=${this.path}`, ref]);
  }
}

export class SysrootBuilder {
  readonly repo: string;

  constructor(
    readonly path: string,
    readonly osname: string,
  ) {
    this.repo = join(path, 'ostree/repo');
    mkdirSync(path, { recursive: true });
    ostree(['admin', 'init-fs', path]);
    ostree(['admin', 'os-init', osname, `--sysroot=${path}`]);
    // A bare repository stores file ownership, which only root can set; an ordinary user's sysroot (the demo)
    // keeps none, and deploys as that user.
    if (process.getuid?.() !== 0) ostree(['config', `--repo=${this.repo}`, 'set', 'core.mode', 'bare-user-only']);
  }

  addRemote(name: string, url: string, gpgKey: string | null): void {
    const args = ['remote', 'add', `--repo=${this.repo}`, name, url];
    if (gpgKey) args.push(`--gpg-import=${gpgKey}`);
    else args.push('--set=gpg-verify=false');
    ostree(args);
  }

  pull(remote: string, ref: string, commit?: string): void {
    ostree(['pull', `--repo=${this.repo}`, remote, commit ? `${ref}@${commit}` : ref]);
  }

  /** Deploys a refspec (at a given commit if named) as the new default, keeping the others. Returns the commit. */
  deploy(refspec: string, commit?: string): string {
    const [remote = '', ref = ''] = refspec.split(':');
    this.pull(remote, ref, commit);
    const checksum = commit ?? ostree(['rev-parse', `--repo=${this.repo}`, refspec]);
    ostree(['admin', 'deploy', `--sysroot=${this.path}`, `--os=${this.osname}`, '--retain', checksum]);
    writeOrigin(this.path, this.osname, checksum, `[origin]\nrefspec=${refspec}\n`);
    // `admin deploy` prunes the repository; pulling again keeps the branch's history readable.
    this.pull(remote, ref);
    return checksum;
  }

  pin(index: number): void {
    ostree(['admin', 'pin', `--sysroot=${this.path}`, String(index)]);
  }
}

/** Rewrites the origin file of the newest deployment of a commit (rpm-ostree-style origins are written so too). */
export function writeOrigin(sysroot: string, osname: string, checksum: string, contents: string): void {
  const dir = join(sysroot, 'ostree/deploy', osname, 'deploy');
  const origins = readdirSync(dir)
    .filter((name) => name.startsWith(`${checksum}.`) && name.endsWith('.origin'))
    .sort((a, b) => Number(b.split('.')[1]) - Number(a.split('.')[1]));
  if (!origins[0]) throw new Error(`no deployment of ${checksum} in ${sysroot}`);
  writeFileSync(join(dir, origins[0]), contents);
}

/** Removes a tree that may hold deployments, which libostree marks immutable. */
export function removeTree(path: string): void {
  if (!existsSync(path)) return;
  try {
    execFileSync('chattr', ['-R', '-f', '-i', path], { stdio: 'ignore' });
  } catch {
    // chattr fails on files that were never immutable; what matters is the removal below.
  }
  rmSync(path, { recursive: true, force: true });
}
