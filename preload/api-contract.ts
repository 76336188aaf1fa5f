// The one contract between the renderer and the main process (Electron IPC or browser mode's HTTP API): each
// method's parameter schema, checked by main on every call, and its result type. The sysroot is chosen when the
// app starts, never by the renderer.
import { z } from 'zod';
import {
  checksumSchema,
  refspecSchema,
  remoteNameSchema,
  revSchema,
  type ChangeMethod,
  type Results,
} from '../helper/protocol';
import type { CommitDiff } from '../main/services/commit-diff';

export const apiSchemas = {
  status: z.object({}).strict(),
  remotes: z.object({}).strict(),
  refs: z.object({ remote: remoteNameSchema, refresh: z.boolean().optional() }).strict(),
  log: z.object({ rev: revSchema, limit: z.number().int().min(1).max(1000).optional() }).strict(),
  history: z.object({}).strict(),
  checkUpdate: z.object({}).strict(),
  diff: z.object({ from: revSchema, to: revSchema, changelogs: z.boolean().optional(), files: z.boolean().optional() }).strict(),
  previewUpdate: z.object({}).strict(),
  previewSwitch: z.object({ refspec: refspecSchema }).strict(),
  rollback: z.object({}).strict(),
  pin: z.object({ index: z.number().int().min(0).max(1000), pinned: z.boolean() }).strict(),
  switch: z.object({ refspec: refspecSchema }).strict(),
  upgrade: z.object({}).strict(),
  deploy: z.object({ checksum: checksumSchema }).strict(),
  cleanup: z.object({}).strict(),
  cancel: z.object({}).strict(),
  reboot: z.object({}).strict(),
} as const;

/** Calls that change the system: they report progress while they run, and `cancel` stops the running one. */
export const CHANGE_CALLS = ['rollback', 'pin', 'switch', 'upgrade', 'deploy', 'cleanup'] as const;
export type ChangeCall = (typeof CHANGE_CALLS)[number];
export function isChangeCall(method: string): method is ChangeCall {
  return (CHANGE_CALLS as readonly string[]).includes(method);
}

export type ApiMethod = keyof typeof apiSchemas;
export type ApiParams<M extends ApiMethod> = z.input<(typeof apiSchemas)[M]>;

/** The engine's results where the API passes them through, and the app's own where it composes them. */
export interface ApiResults
  extends Pick<Results, 'status' | 'remotes' | 'refs' | 'log' | 'history' | 'checkUpdate' | ChangeMethod> {
  diff: CommitDiff;
  previewUpdate: CommitDiff;
  previewSwitch: CommitDiff;
  cancel: { cancelled: boolean };
  reboot: Record<string, never>;
}

export function isApiMethod(value: string): value is ApiMethod {
  return Object.hasOwn(apiSchemas, value);
}

/** An error as it crosses to the renderer: the engine's code and one line. */
export interface ApiErrorBody {
  code: string;
  message: string;
}
