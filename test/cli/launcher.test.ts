// The `canopy` launcher (bin/canopy): it starts the read engine beside Node and Node takes it over, or Node runs
// alone and starts its own. Which of the two ran shows in how a broken engine is reported: the launcher's engine is
// not Node's child, so its exit status is unknown.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WITHOUT_READER } from '../../main/cli/without-reader';
import { expectOneLineError, type CliResult } from '../support/cli';
import { run } from '../support/run';

const root = mkdtempSync(join(tmpdir(), 'canopy-launcher-'));
const launcher = join(import.meta.dirname, '../../bin/canopy');
const nodeEntry = join(import.meta.dirname, '../../bin/canopy.js');
const repo = join(root, 'repo');
run('ostree', ['init', `--repo=${repo}`, '--mode=archive']);
run('ostree', ['remote', 'add', `--repo=${repo}`, '--no-gpg-verify', 'origin', 'https://example.org/repo']);

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** A directory to put first on PATH, holding `gjs` as the given script. */
function fakeGjs(name: string, script: string): string {
  const dir = join(root, name);
  run('mkdir', ['-p', dir]);
  writeFileSync(join(dir, 'gjs'), `#!/bin/sh\n${script}\n`);
  chmodSync(join(dir, 'gjs'), 0o755);
  return dir;
}

function canopyWith(how: 'launcher' | 'node', args: string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const [command, first] = how === 'launcher' ? [launcher, []] : [process.execPath, [nodeEntry]];
  const result = spawnSync(command, [...first, ...args], { encoding: 'utf8', env: { ...process.env, CANOPY_CACHE_DIR: join(root, 'cache'), ...env }, input: '', timeout: 60_000 });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

describe('bin/canopy', () => {
  it('starts no engine for the commands that read without one', () => {
    const pattern = /^case \$\{1-\} in\n\s+(.+)\) alone "\$@" ;;$/m.exec(readFileSync(launcher, 'utf8'))?.[1] ?? '';
    const commands = pattern.split('|').map((word) => word.trim());
    expect(new Set(commands)).toEqual(new Set(["''", ...WITHOUT_READER]));
  });

  it('hands the engine it started to Node, which reports its end and its last words', () => {
    // It reads the first request before it fails: an engine found dead before a request is replaced by a new one.
    const broken = fakeGjs('broken', 'read -r request; echo "the fake engine is broken" >&2; exit 3');
    const env = { PATH: `${broken}:${process.env.PATH ?? ''}` };
    const launched = canopyWith('launcher', ['remotes', '--repo', repo], env);
    expect(launched.status).toBe(8);
    expect(expectOneLineError(launched)).toBe('canopy: the tree engine stopped: the fake engine is broken');
    const alone = canopyWith('node', ['remotes', '--repo', repo], env);
    expect(alone.status).toBe(8);
    expect(expectOneLineError(alone)).toBe('canopy: the tree engine exited with status 3: the fake engine is broken');
  });

  it('reads through the engine it started, which ends with the command', () => {
    const pidFile = join(root, 'engine.pid');
    const gjs = run('sh', ['-c', 'command -v gjs']).trim();
    const recorded = fakeGjs('recorded', `echo $$ >> '${pidFile}'\nexec '${gjs}' "$@"`);
    const result = canopyWith('launcher', ['remotes', '--repo', repo, '--json'], { PATH: `${recorded}:${process.env.PATH ?? ''}` });
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(canopyWith('node', ['remotes', '--repo', repo, '--json']).stdout));
    // One engine: Node took over the launcher's rather than starting a second.
    const pids = readFileSync(pidFile, 'utf8').trim().split('\n');
    expect(pids).toHaveLength(1);
    const pid = pids[0] ?? '';
    // Node's exit closed the engine's input; the engine finishes and exits on its own.
    const running = (): boolean => {
      try {
        return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
      } catch {
        return false; // Gone, and reaped.
      }
    };
    const deadline = Date.now() + 10_000;
    while (running() && Date.now() < deadline) run('sleep', ['0.05']);
    expect(running()).toBe(false);
  });

  it('leaves Node to start the engine when gjs is not installed, and to say so', () => {
    const bare = join(root, 'bare');
    run('mkdir', ['-p', bare]);
    symlinkSync(process.execPath, join(bare, 'node'));
    for (const how of ['launcher', 'node'] as const) {
      const result = canopyWith(how, ['remotes', '--repo', repo], { PATH: bare });
      expect(result.status).toBe(8);
      expect(expectOneLineError(result)).toBe('canopy: gjs is not installed (Debian: apt install gjs gir1.2-ostree-1.0; Fedora: dnf install gjs ostree-libs)');
    }
  });

  it('may leave out NODE_EXTRA_CA_CERTS, since Node makes no TLS connection in the CLI', () => {
    // The launcher drops the variable for read commands, which Node would otherwise spend ~45 ms on as it starts.
    // Were the CLI to load a TLS client, that would break it for users behind a proxy: this says so first.
    expect(readFileSync(launcher, 'utf8')).toMatch(/^unset NODE_EXTRA_CA_CERTS$/m);
    const cli = join(import.meta.dirname, '../../dist/cli');
    const files = readdirSync(cli, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js'));
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) {
      const code = readFileSync(join(cli, file), 'utf8');
      expect(code, file).not.toMatch(/["'](?:node:)?(?:tls|https|http2)["']|\bfetch\(|\bWebSocket\b|\bundici\b/);
    }
    // Node warns of a certificate file it cannot load, when it is given one.
    const extra = { NODE_EXTRA_CA_CERTS: '/nonexistent/ca.pem' };
    const launched = canopyWith('launcher', ['remotes', '--repo', repo, '--json'], extra);
    expect(launched.status).toBe(0);
    expect(launched.stderr).toBe('');
    expect(canopyWith('node', ['remotes', '--repo', repo, '--json'], extra).stderr).toContain('/nonexistent/ca.pem');
  });

  it('ignores a CANOPY_ENGINE_FDS that names no pipes', () => {
    for (const fds of ['3,4,5', 'junk', '0,1,2']) {
      const result = canopyWith('node', ['remotes', '--repo', repo, '--json'], { CANOPY_ENGINE_FDS: fds });
      expect(result.status, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ remotes: [{ name: 'origin' }] });
    }
  });
});
