/**
 * Run synchronous library code with a deadline. A hang (an endless loop) would block the event loop,
 * so a jest timeout could never fire; node:vm's `timeout` terminates whatever JavaScript is running,
 * including functions of another context, and turns the hang into an ordinary test failure.
 */
import vm from 'node:vm';

export class Hang extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not finish within ${ms} ms (a hang)`);
    this.name = 'Hang';
  }
}

export function within<T>(ms: number, what: string, f: () => T): T {
  const box: { f: () => T; out?: T } = { f };
  try {
    vm.runInNewContext('box.out = box.f()', { box }, { timeout: ms });
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new Hang(what, ms);
    throw e;
  }
  return box.out as T;
}
