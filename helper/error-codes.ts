// Stable error codes of the engine. Each has the exit status the CLI uses for it, so scripts can tell them apart.
export const ERROR_EXIT_CODES = {
  'invalid-argument': 2,
  'not-a-sysroot': 3,
  'not-found': 4,
  'no-package-database': 5,
  'fetch-failed': 6,
  'permission-denied': 7,
  'engine-unavailable': 8,
  'layered-deployment': 9,
  'staged-deployment': 10,
  internal: 70,
  busy: 75,
  cancelled: 130,
} as const;

export type ErrorCode = keyof typeof ERROR_EXIT_CODES;

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(ERROR_EXIT_CODES, value);
}
