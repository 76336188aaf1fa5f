import { ERROR_EXIT_CODES, type ErrorCode } from '../../helper/error-codes';

/** An engine error on the Node side: the engine's stable code and its one-line message. */
export class EngineError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }

  get exitCode(): number {
    return ERROR_EXIT_CODES[this.code];
  }
}
