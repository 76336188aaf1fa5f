// The engine's wire protocol: one JSON object per line each way. Requests are validated against these schemas on
// the engine side (which may run as root and trusts nothing) and typed from them on the Node side.
// zod/mini: the engine starts for every CLI command, and the full zod costs it tens of milliseconds to load.
import { en } from 'zod/locales';
import * as z from 'zod/mini';
import type { ErrorCode } from './error-codes';

z.config(en());

export { ERROR_EXIT_CODES, isErrorCode, type ErrorCode } from './error-codes';

const CHECKSUM = /^[0-9a-f]{64}$/;
// A ref is slash-separated segments; no segment may start with '.' or '-', so '..' and option-like values are out.
const REF = /^[A-Za-z0-9_][A-Za-z0-9._+-]*(?:\/[A-Za-z0-9_][A-Za-z0-9._+-]*)*$/;
const REMOTE = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

export const checksumSchema = z.string().check(z.regex(CHECKSUM, 'must be a 64-character hex checksum'));
export const remoteNameSchema = z.string().check(z.maxLength(128), z.regex(REMOTE, 'is not a valid remote name'));
export const refSchema = z.string().check(z.maxLength(255), z.regex(REF, 'is not a valid ref'));
export const refspecSchema = z.string().check(
  z.maxLength(400),
  z.refine((value) => {
    const colon = value.indexOf(':');
    if (colon < 0) return REF.test(value);
    return REMOTE.test(value.slice(0, colon)) && REF.test(value.slice(colon + 1));
  }, 'is not a valid refspec (REMOTE:REF)'),
);
/** A commit named by checksum or by refspec, which may name an ancestor with ostree's `^` suffix (REF^^). */
export const revSchema = z.string().check(
  z.maxLength(440),
  z.refine((value) => CHECKSUM.test(value) || refspecSchema.safeParse(value.replace(/\^{1,32}$/, '')).success, 'must be a checksum or a refspec'),
);
export const absolutePathSchema = z.string().check(
  z.minLength(1),
  z.maxLength(4096),
  z.refine((value) => value.startsWith('/') && !value.includes('\0'), 'must be an absolute path'),
);
/** An integer from min to max. */
export const integerSchema = (min: number, max: number) => {
  const message = `must be a whole number from ${String(min)} to ${String(max)}`;
  return z.int({ error: message }).check(z.gte(min, message), z.lte(max, message));
};

export const targetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sysroot'), path: absolutePathSchema }),
  z.object({ kind: z.literal('repo'), path: absolutePathSchema }),
]);
export type Target = z.infer<typeof targetSchema>;
const sysrootTarget = z.object({ kind: z.literal('sysroot'), path: absolutePathSchema });

export const requestParams = {
  status: z.object({ target: sysrootTarget }),
  remotes: z.object({ target: targetSchema }),
  refs: z.object({
    target: targetSchema,
    remote: remoteNameSchema,
    cacheDir: absolutePathSchema,
    refresh: z._default(z.boolean(), false),
  }),
  log: z.object({
    target: targetSchema,
    rev: revSchema,
    limit: z._default(integerSchema(1, 10000), 50),
  }),
  verify: z.object({ target: targetSchema, rev: revSchema, remote: z.optional(remoteNameSchema) }),
  resolve: z.object({ target: targetSchema, rev: revSchema }),
  packageDatabase: z.object({ target: targetSchema, rev: revSchema, cacheDir: absolutePathSchema }),
  fileDiff: z.object({ target: targetSchema, from: revSchema, to: revSchema }),
  history: z.object({ target: sysrootTarget, limit: z._default(integerSchema(1, 10000), 200) }),
  checkUpdate: z.object({ target: sysrootTarget, cacheDir: absolutePathSchema }),
  fetchPreview: z.object({ target: sysrootTarget, cacheDir: absolutePathSchema, refspec: z.optional(refspecSchema) }),
  remoteLog: z.object({
    target: sysrootTarget,
    cacheDir: absolutePathSchema,
    refspec: refspecSchema,
    limit: z._default(integerSchema(1, 1000), 50),
  }),
  rollback: z.object({ target: sysrootTarget }),
  pin: z.object({ target: sysrootTarget, index: integerSchema(0, 1000), pinned: z.boolean() }),
  switch: z.object({ target: sysrootTarget, refspec: refspecSchema }),
  upgrade: z.object({ target: sysrootTarget }),
  deploy: z.object({
    target: sysrootTarget,
    commit: z.union([
      z.object({ checksum: checksumSchema }),
      z.object({
        version: z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(128, 'is longer than 128 characters'), z.regex(/^[\w.+~:-]+$/, 'is not a valid version')),
      }),
    ]),
  }),
  cleanup: z.object({ target: sysrootTarget }),
} as const;

export type Method = keyof typeof requestParams;
export type Params<M extends Method> = z.input<(typeof requestParams)[M]>;
export type ParsedParams<M extends Method> = z.output<(typeof requestParams)[M]>;

/** Verbs that change the system: only these go through polkit, and the privileged helper serves nothing else. */
export const CHANGE_METHODS = ['rollback', 'pin', 'switch', 'upgrade', 'deploy', 'cleanup'] as const;
export type ChangeMethod = (typeof CHANGE_METHODS)[number];
export function isChangeMethod(value: string): value is ChangeMethod {
  return (CHANGE_METHODS as readonly string[]).includes(value);
}
export function isMethod(value: string): value is Method {
  return Object.hasOwn(requestParams, value);
}

export const requestSchema = z.object({
  id: integerSchema(0, Number.MAX_SAFE_INTEGER),
  method: z.string().check(z.maxLength(64)),
  params: z.unknown(),
});

/** The first problem of a failed validation, as one line naming the field. */
export function describeIssues(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid request';
  const field = issue.path.map(String).join('.');
  return field ? `${field}: ${issue.message}` : issue.message;
}

// ---- results ----

export type OriginKind = 'refspec' | 'rpm-ostree-layered' | 'container-image' | 'unknown';

export interface Deployment {
  /** osname, checksum and deploy serial: the same triple libostree names the deployment directory with. */
  id: string;
  index: number;
  osname: string;
  checksum: string;
  serial: number;
  bootserial: number;
  version: string | null;
  timestamp: number | null;
  /** The refspec the deployment follows, or the image reference for container origins; null when unknown. */
  origin: string | null;
  originKind: OriginKind;
  /** What rpm-ostree layered on top (packages, overrides), kept so that nothing is silently flattened. */
  layered: { packages: string[]; removed: string[]; replaced: string[]; localPackages: string[]; settings: string[] } | null;
  booted: boolean;
  pinned: boolean;
  staged: boolean;
  role: 'pending' | 'rollback' | null;
  endOfLife: string | null;
}

export interface StatusResult {
  sysroot: string;
  deployments: Deployment[];
}

export interface Remote {
  name: string;
  url: string;
  gpgVerify: boolean;
  gpgVerifySummary: boolean;
}

export interface RemoteRef {
  remote: string;
  ref: string;
  checksum: string;
  /** Commit time from the summary's per-ref metadata, when the server publishes it. */
  timestamp: number | null;
  version: string | null;
}

export interface RefsResult {
  remote: string;
  refs: RemoteRef[];
  fetchedAt: number;
  /** True when the remote could not be reached and these refs come from the cache. */
  stale: boolean;
  summarySigned: boolean;
}

export interface Commit {
  checksum: string;
  parent: string | null;
  version: string | null;
  timestamp: number;
  subject: string;
  body: string;
  endOfLife: string | null;
  endOfLifeRebase: string | null;
  source: string | null;
}

export interface LogResult {
  commits: Commit[];
  /** The next commit to ask for when the history goes on beyond the limit. */
  next: string | null;
  /** True when the history stops because older commits were not pulled (a shallow history). */
  partial: boolean;
}

export interface Signature {
  keyId: string;
  valid: boolean;
  keyMissing: boolean;
  expired: boolean;
  revoked: boolean;
  timestamp: number;
  user: string | null;
}

export interface VerifyResult {
  checksum: string;
  signed: boolean;
  valid: boolean;
  signatures: Signature[];
}

export interface ResolveResult {
  checksum: string;
}

export type PackageTuple = [name: string, epoch: string, version: string, release: string, arch: string];

/**
 * A package database for the Node side to read. An archive repository keeps file objects deflate-compressed after a
 * small header: then `deflated` says where the raw deflate stream starts and how many bytes it inflates to.
 */
export interface DatabaseFile {
  path: string;
  deflated: { offset: number; size: number } | null;
}

export type PackageDatabaseResult =
  | { checksum: string; source: 'pkglist'; pkglist: PackageTuple[] }
  | { checksum: string; source: 'rpmdb'; format: 'sqlite' | 'bdb'; file: DatabaseFile; contentChecksum: string }
  | { checksum: string; source: 'dpkg'; file: DatabaseFile; contentChecksum: string };

export interface FileDiffResult {
  from: string;
  to: string;
  added: string[];
  removed: string[];
  modified: string[];
}

export interface HistoryEntry {
  time: number;
  user: string;
  uid: number;
  action: ChangeMethod;
  from: string | null;
  to: string | null;
  refspec: string | null;
  detail: string | null;
  result: 'ok' | 'failed' | 'cancelled';
  error: string | null;
}

export interface HistoryResult {
  entries: HistoryEntry[];
}

export interface UpdateCheckResult {
  refspec: string;
  current: string;
  available: boolean;
  checksum: string;
  version: string | null;
  timestamp: number | null;
}

export interface PreviewResult {
  refspec: string;
  checksum: string;
  /** A repository in the user's cache holding the fetched commit object, for reading only. */
  repo: string;
}

export interface ChangeResult {
  action: ChangeMethod;
  changed: boolean;
  from: string | null;
  to: string | null;
  message: string;
  deployments: Deployment[];
}

export interface Results {
  status: StatusResult;
  remotes: { remotes: Remote[] };
  refs: RefsResult;
  log: LogResult;
  verify: VerifyResult;
  resolve: ResolveResult;
  packageDatabase: PackageDatabaseResult;
  fileDiff: FileDiffResult;
  history: HistoryResult;
  checkUpdate: UpdateCheckResult;
  fetchPreview: PreviewResult;
  remoteLog: LogResult;
  rollback: ChangeResult;
  pin: ChangeResult;
  switch: ChangeResult;
  upgrade: ChangeResult;
  deploy: ChangeResult;
  cleanup: ChangeResult;
}

export interface Progress {
  phase: 'connecting' | 'fetching' | 'writing' | 'deploying' | 'done';
  fetched: number;
  requested: number;
  bytes: number;
  totalBytes: number | null;
  rate: number;
  message: string;
}

export interface EngineErrorBody {
  code: ErrorCode;
  message: string;
}

export type Response =
  | { id: number; result: unknown }
  | { id: number; error: EngineErrorBody }
  | { id: number; progress: Progress };
