// The rules of the privileged mode, where pkexec has started the engine as root for one authorized verb.
import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import { EngineError } from './engine-error';
import { isChangeMethod, type ChangeMethod, type Target } from './protocol';

export interface PrivilegedMode {
  verb: ChangeMethod;
  allowedSysroots: string[];
}

/** Reads `--privileged --config PATH VERB`, the only argument shape the root-owned wrapper passes. */
export function parsePrivilegedArgs(args: string[]): PrivilegedMode | null {
  if (args.length === 0) return null;
  const [flag, configFlag, configPath, verb, ...rest] = args;
  if (flag !== '--privileged' || configFlag !== '--config' || !configPath || !verb || rest.length > 0) {
    throw new EngineError('invalid-argument', 'usage: canopy-helper VERB');
  }
  if (!isChangeMethod(verb)) throw new EngineError('invalid-argument', `unknown verb ${verb}`);
  return { verb, allowedSysroots: readAllowedSysroots(configPath) };
}

/** Sysroots other than / are root's decision, in a root-owned config nobody else can write. */
function readAllowedSysroots(path: string): string[] {
  const file = Gio.File.new_for_path(path);
  if (!file.query_exists(null)) return ['/'];
  const info = file.query_info('unix::uid,unix::mode', Gio.FileQueryInfoFlags.NONE, null);
  if (info.get_attribute_uint32('unix::uid') !== 0 || (info.get_attribute_uint32('unix::mode') & 0o022) !== 0) {
    throw new EngineError('permission-denied', `${path} must be owned by root and writable only by root`);
  }
  const keyFile = new GLib.KeyFile();
  const [, contents] = file.load_contents(null);
  const text = new TextDecoder().decode(contents);
  keyFile.load_from_data(text, contents.length, 0);
  let listed: string[] = [];
  try {
    listed = keyFile.get_string('helper', 'allowed-sysroots').split(';');
  } catch {
    listed = [];
  }
  return ['/', ...listed.map((entry) => entry.trim()).filter((entry) => entry.startsWith('/'))];
}

export function refusePrivileged(mode: PrivilegedMode, method: string, target: Target): void {
  if (method !== mode.verb) {
    throw new EngineError('permission-denied', `this helper was authorized for ${mode.verb}, not ${method}`);
  }
  const { path } = target;
  const normalized = path.length > 1 ? path.replace(/\/+$/, '') : path;
  if (!mode.allowedSysroots.includes(normalized)) {
    throw new EngineError('permission-denied', `sysroot ${path} is not allowed in the helper's configuration`);
  }
}

/** Who asked: pkexec names the calling user in PKEXEC_UID. */
export function callerIdentity(): { uid: number; user: string } {
  const fromPkexec = GLib.getenv('PKEXEC_UID');
  const uid = fromPkexec && /^\d+$/.test(fromPkexec) ? Number(fromPkexec) : currentUid();
  return { uid, user: userName(uid) };
}

function currentUid(): number {
  const info = Gio.File.new_for_path('/proc/self').query_info('unix::uid', Gio.FileQueryInfoFlags.NONE, null);
  return info.get_attribute_uint32('unix::uid');
}

function userName(uid: number): string {
  const [, passwd] = GLib.file_get_contents('/etc/passwd');
  for (const line of new TextDecoder().decode(passwd).split('\n')) {
    const fields = line.split(':');
    if (fields[2] === String(uid) && fields[0]) return fields[0];
  }
  return `uid ${String(uid)}`;
}

export function isRoot(): boolean {
  return currentUid() === 0;
}
