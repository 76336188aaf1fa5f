// Options shared by the commands: where to read (--sysroot or --repo) and numbers given on the command line.
import { InvalidArgumentError, Option } from 'commander';
import { resolve } from 'node:path';
import type { Target } from '../../helper/protocol';

export interface TargetOptions {
  sysroot?: string;
  repo?: string;
  json?: boolean;
}

/** An empty path would quietly mean the current directory. */
function directory(value: string): string {
  if (value === '') throw new InvalidArgumentError('must not be empty');
  return value;
}

export const sysrootOption = (): Option => new Option('--sysroot <dir>', 'the sysroot to act on (default: /)').argParser(directory);
export const repoOption = (): Option =>
  new Option('--repo <dir>', 'read a plain OSTree repository instead of a sysroot').argParser(directory).conflicts('sysroot');
export const jsonOption = (): Option => new Option('--json', 'print JSON for scripts');

export function sysrootPath(options: TargetOptions): string {
  return resolve(options.sysroot ?? '/');
}

export function targetOf(options: TargetOptions): Target {
  return options.repo ? { kind: 'repo', path: resolve(options.repo) } : { kind: 'sysroot', path: sysrootPath(options) };
}

export function nonNegativeInteger(value: string): number {
  if (!/^\d{1,6}$/.test(value)) throw new InvalidArgumentError(`${value} is not a non-negative integer`);
  return Number(value);
}

export function positiveInteger(value: string): number {
  const number = nonNegativeInteger(value);
  if (number === 0) throw new InvalidArgumentError('must be at least 1');
  return number;
}
