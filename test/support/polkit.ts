// A real system bus and polkitd for the privilege tests, users that polkit allows or denies, and the helper
// installed root-owned the way the packages install it.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { run, startJob, type GroupJob } from './run';

export const ALLOWED_USER = 'canopy-allowed';
export const DENIED_USER = 'canopy-denied';
const RULES = '/etc/polkit-1/rules.d/49-canopy-tests.rules';
const BUS = '/run/dbus/system_bus_socket';

const answers = (name: string): boolean =>
  spawnSync('busctl', ['--system', 'status', name], { stdio: 'ignore', timeout: 5_000 }).status === 0;

/** Whether a dbus-daemon listens on the system bus socket. Only a refused (or missing) socket counts as dead. */
function busListening(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(BUS);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      resolve(false);
    });
  });
}

export async function startPolkit(): Promise<void> {
  // A machine image can keep /run from a previous boot: a socket with no dbus-daemon behind it, and its pid file,
  // which makes dbus-daemon refuse to start.
  if (!(await busListening())) {
    rmSync(BUS, { force: true });
    rmSync('/run/dbus/pid', { force: true });
    mkdirSync('/run/dbus', { recursive: true });
    run('dbus-daemon', ['--system', '--fork']);
  }
  if (!answers('org.freedesktop.PolicyKit1')) {
    const logDir = mkdtempSync(join(tmpdir(), 'canopy-polkitd-'));
    const log = join(logDir, 'polkitd.log');
    const output = openSync(log, 'w');
    spawn('/usr/lib/polkit-1/polkitd', ['--no-debug'], { detached: true, stdio: ['ignore', output, output] }).unref();
    closeSync(output);
    for (let i = 0; i < 100 && !answers('org.freedesktop.PolicyKit1'); i++) await sleep(100);
    if (!answers('org.freedesktop.PolicyKit1')) {
      throw new Error(`polkitd did not come up on the system bus; it said:\n${readFileSync(log, 'utf8')}`);
    }
    rmSync(logDir, { recursive: true, force: true });
  }
}

export function createUsers(): void {
  for (const user of [ALLOWED_USER, DENIED_USER]) {
    if (spawnSync('id', [user], { stdio: 'ignore' }).status !== 0) run('useradd', ['--create-home', user]);
  }
  // Rules are JavaScript evaluated by polkitd; polkitd rereads the directory when it changes.
  writeFileSync(
    RULES,
    `polkit.addRule(function (action, subject) {
  if (action.id.indexOf("org.canopy.") !== 0) return polkit.Result.NOT_HANDLED;
  if (subject.user === "${ALLOWED_USER}") return polkit.Result.YES;
  if (subject.user === "${DENIED_USER}") return polkit.Result.NO;
  return polkit.Result.NOT_HANDLED;
});
`,
  );
}

export const INSTALLED_HELPER = '/usr/libexec/canopy/canopy-helper';
const CONFIG = '/etc/canopy/helper.conf';

/** Builds the canopy-helper .deb and installs it with dpkg, as a user of the package would get it. */
export function installHelperPackage(allowedSysroots: string[]): void {
  const out = mkdtempSync(join(tmpdir(), 'canopy-packages-'));
  try {
    run('bash', ['build/package-helper.sh', '--out', out]);
    const deb = readdirSync(out).find((file) => file.endsWith('.deb'));
    if (!deb) throw new Error('package-helper.sh built no .deb');
    run('dpkg', ['-i', join(out, deb)]);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  writeFileSync(CONFIG, `[helper]\nallowed-sysroots=${allowedSysroots.join(';')}\n`, { mode: 0o644 });
}

export function purgeHelperPackage(): void {
  run('dpkg', ['--purge', 'canopy-helper']);
}

const runuserArgs = (user: string, command: string, args: string[], env: NodeJS.ProcessEnv): string[] => [
  '-u', user, '--', 'env', ...Object.entries(env).map(([k, v]) => `${k}=${v ?? ''}`), command, ...args,
];

/** Runs a command as another user, without standard input (so pkexec cannot prompt). */
export function runAs(user: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): { status: number; stdout: string; stderr: string } {
  const result = spawnSync('runuser', runuserArgs(user, command, args, env), { encoding: 'utf8', input: '', timeout: 120_000 });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Starts a command as another user, as a foreground job of a terminal would run. */
export function startAs(user: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): GroupJob {
  return startJob('runuser', runuserArgs(user, command, args, env));
}
