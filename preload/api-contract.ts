// The one contract between the renderer and the main process (Electron IPC or browser mode's HTTP API): each
// method's parameter schema, checked by main on every call, and its result type. The sysroot is chosen when the
// app starts, never by the renderer.
import * as z from 'zod/mini';
import {
  checksumSchema,
  integerSchema,
  refspecSchema,
  remoteNameSchema,
  revSchema,
  type ChangeMethod,
  type Results,
} from '../helper/protocol';
import type { CommitDiff } from '../main/services/commit-diff';

export const apiSchemas = {
  status: z.strictObject({}),
  remotes: z.strictObject({}),
  refs: z.strictObject({ remote: remoteNameSchema, refresh: z.optional(z.boolean()) }),
  log: z.strictObject({ rev: revSchema, limit: z.optional(integerSchema(1, 1000)) }),
  history: z.strictObject({}),
  checkUpdate: z.strictObject({}),
  diff: z.strictObject({ from: revSchema, to: revSchema, changelogs: z.optional(z.boolean()), files: z.optional(z.boolean()) }),
  previewUpdate: z.strictObject({}),
  previewSwitch: z.strictObject({ refspec: refspecSchema }),
  rollback: z.strictObject({}),
  pin: z.strictObject({ index: integerSchema(0, 1000), pinned: z.boolean() }),
  switch: z.strictObject({ refspec: refspecSchema }),
  upgrade: z.strictObject({}),
  deploy: z.strictObject({ checksum: checksumSchema }),
  cleanup: z.strictObject({}),
  cancel: z.strictObject({}),
  reboot: z.strictObject({}),
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
