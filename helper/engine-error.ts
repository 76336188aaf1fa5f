import GLib from 'gi://GLib';
import type { ErrorCode } from './error-codes';

/** An error the engine answers with: a stable code and one line for a human. */
export class EngineError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The message of anything thrown, GLib errors included, on one line. */
export function messageOf(error: unknown): string {
  const text = error instanceof GLib.Error || error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, ' ').trim();
}

export function isGLibError(error: unknown): error is GLib.Error {
  return error instanceof GLib.Error;
}
