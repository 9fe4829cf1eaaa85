import { ItlError } from '../errors.js';

/** TIMESTAMP (Unix seconds, u32) as a Date. */
export function timestampDate(seconds: number): Date {
  return new Date(seconds * 1000);
}

/** A Date or Unix seconds as the u32 TIMESTAMP value (whole seconds, UTC); `ERR_VALUE` when it does not fit. */
export function toTimestamp(time: Date | number): number {
  const s = typeof time === 'number' ? time : Math.floor(time.getTime() / 1000);
  if (!Number.isInteger(s) || s < 0 || s > 0xffffffff) {
    throw new ItlError('ERR_VALUE', `timestamp ${String(time)} does not fit an unsigned 32-bit Unix time`, { path: 'timestamp' });
  }
  return s;
}
