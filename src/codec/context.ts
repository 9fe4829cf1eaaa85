import { ItlError, type ItlWarning } from '../errors.js';

/** Strict decoding throws; lenient decoding records a warning and goes on where it can. */
export class DecodeContext {
  readonly warnings: ItlWarning[] = [];

  constructor(readonly lenient: boolean) {}

  /** Report something a lenient decode may tolerate. */
  tolerate(error: ItlError): void {
    if (!this.lenient) throw error;
    this.warnings.push({
      code: error.code,
      message: error.message,
      ...(error.offset !== undefined && { offset: error.offset }),
      ...(error.path !== undefined && { path: error.path }),
    });
  }
}
