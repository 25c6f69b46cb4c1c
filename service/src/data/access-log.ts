/**
 * The proxy's access log: one JSON line per request, in pino's line shape (`level` 30 and `time`
 * first, so pino-pretty and log shippers read it as before), written through pino's destination
 * (sonic-boom: partial writes, EAGAIN and the final synchronous flush are its job).
 *
 * Why not a pino logger: measured in place on the benchmark machine, logger.info() with its
 * per-line destination write cost ~19 µs per request, as much as the rest of the proxy. A line of
 * fixed shape needs no per-key walk: one JSON.stringify of a plain object, and lines are handed to
 * the destination in batches (~64 KiB, and at least every second): ~5 µs per request in `make bench`.
 * Each batch is one write on libuv's thread pool, whose thread shares the proxy's core and wakes
 * and preempts it. On the stand (3 alternating rounds) 16 KiB batches cost 1.0–1.5 µs more per
 * request than 64 KiB ones, and 256 KiB ones gained nothing more; `make bench`, whose log file
 * grows to ~600 MB, measured no difference for no-auth (29.2 µs both) and 1 µs for the full pipeline.
 */

/** What is logged per request; undefined fields are left out of the line. */
export interface AccessEntry {
  request_id: string;
  method: string;
  host: string | undefined;
  path: string;
  status: number;
  duration_ms: number;
  upstream_ms: number | undefined;
  group: string | undefined;
  api: string | undefined;
  stage: string | undefined;
  app: string | undefined;
  source_ip: string;
  error_code: string | undefined;
}

/**
 * Where batches go: pino.destination() (sonic-boom). Its 'write' events (bytes written) and 'drop'
 * events (a batch refused over its backlog bound) tell close() when everything handed over is out.
 */
export interface LineDestination {
  write(text: string): unknown;
  on(event: 'write', listener: (bytes: number) => void): unknown;
  on(event: 'drop', listener: (data: string) => void): unknown;
}

export interface AccessLogOptions {
  /** A batch is handed over once it holds this many characters. */
  batchChars?: number;
  /** A partial batch waits at most this long. */
  flushEveryMs?: number;
  /** close() waits at most this long for the destination to write what it was handed. */
  closeTimeoutMs?: number;
}

const PINO_INFO = '{"level":30,"time":';

export class AccessLog {
  private parts: string[] = [];
  private chars = 0;
  private readonly batchChars: number;
  private readonly closeTimeoutMs: number;
  private readonly timer: NodeJS.Timeout;
  /** Bytes handed to the destination, and bytes it wrote or dropped: equal when nothing is in flight. */
  private handed = 0;
  private settled = 0;
  private onSettled: (() => void) | undefined;

  constructor(private readonly destination: LineDestination, options: AccessLogOptions = {}) {
    this.batchChars = options.batchChars ?? 64 * 1024;
    this.closeTimeoutMs = options.closeTimeoutMs ?? 2000;
    this.timer = setInterval(() => this.flush(), options.flushEveryMs ?? 1000).unref();
    destination.on('write', (bytes) => this.settle(bytes));
    destination.on('drop', (data) => this.settle(Buffer.byteLength(data)));
  }

  write(entry: AccessEntry, now = Date.now()): void {
    // JSON.stringify(entry) starts with '{': the line continues after pino's two leading fields.
    const line = `${PINO_INFO}${now},${JSON.stringify(entry).slice(1)}\n`;
    this.parts.push(line);
    this.chars += line.length;
    if (this.chars >= this.batchChars) this.flush();
  }

  /** Hands the pending lines to the destination (which writes them asynchronously). */
  flush(): void {
    if (this.parts.length === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.chars = 0;
    this.handed += Buffer.byteLength(text);
    this.destination.write(text);
  }

  /**
   * Hands over the last lines and waits until the destination has written everything (at most
   * closeTimeoutMs: a stalled stdout must not hold up shutdown). False when it timed out.
   */
  async close(): Promise<boolean> {
    clearInterval(this.timer);
    this.flush();
    if (this.settled >= this.handed) return true;
    let timeout: NodeJS.Timeout | undefined;
    const done = await Promise.race([
      new Promise<boolean>((resolve) => { this.onSettled = () => resolve(true); }),
      new Promise<boolean>((resolve) => { timeout = setTimeout(() => resolve(false), this.closeTimeoutMs); }),
    ]);
    clearTimeout(timeout);
    this.onSettled = undefined;
    return done;
  }

  private settle(bytes: number): void {
    this.settled += bytes;
    if (this.settled >= this.handed) this.onSettled?.();
  }
}
