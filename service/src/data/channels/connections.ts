/**
 * Requests in flight per member, process-wide. Keyed by member authority rather than by channel
 * because `release(origin)` only knows the origin, and because a server listed in two channels
 * carries the load of both: least-connections should see all of it.
 */
export class Connections {
  private readonly counts = new Map<string, number>();

  acquire(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Ignores keys with nothing in flight, so a stray release can never drive a count negative. */
  release(key: string): void {
    const count = this.counts.get(key);
    if (count === undefined) return;
    // Dropping idle entries keeps the map bounded by members that are busy right now.
    if (count <= 1) this.counts.delete(key); else this.counts.set(key, count - 1);
  }

  count(key: string): number {
    return this.counts.get(key) ?? 0;
  }
}
