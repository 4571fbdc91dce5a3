/**
 * Reusable integer buffers for the evaluation's hot path. Allocating typed arrays per call cost
 * more than the arithmetic they hold; evaluateWeek is synchronous and never re-entered, so one
 * buffer per purpose, grown on demand, is safe and keeps the function pure to its callers.
 */
export class Scratch {
  private buffer = new Int32Array(64);

  /** A buffer with room for at least `length` items; its contents are left as they were. */
  take(length: number): Int32Array {
    if (this.buffer.length < length) this.buffer = new Int32Array(Math.max(length, this.buffer.length * 2));
    return this.buffer;
  }
}
