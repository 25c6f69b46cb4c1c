/**
 * The configuration the proxy serves, kept current: polls the revision (one tiny query) every
 * `pollMs`, and on a change loads, compiles and swaps the whole configuration in one assignment, so
 * no request sees half a change. When the database is unreachable the last configuration stays.
 */
import type { Logger } from 'pino';
import { EMPTY_RUNTIME_CONFIG, type RuntimeConfigSource } from '../shared/runtime-config';
import { compileConfig, type CompiledConfig } from './config/compiled';
import type { DataServices } from './services';

export class LiveConfigHolder {
  current: CompiledConfig;
  private timer?: NodeJS.Timeout;
  private loading = false;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners: Array<(c: CompiledConfig) => void> = [];

  constructor(private readonly source: RuntimeConfigSource, private readonly services: DataServices,
    private readonly pollMs: number, private readonly log?: Logger) {
    this.current = compileConfig(EMPTY_RUNTIME_CONFIG, services);
    this.current.revision = -1; // forces the first load
  }

  /** Loads once (failures are logged, not thrown) and then keeps polling. */
  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => { if (!this.loading) void this.refresh(); }, this.pollMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  onSwap(listener: (c: CompiledConfig) => void): void {
    this.listeners.push(listener);
  }

  /**
   * Loads a new configuration when the revision moved; returns whether it swapped. Calls queue
   * behind any load in flight, so a refresh always sees every change committed before it began.
   */
  refresh(): Promise<boolean> {
    const run = this.queue.then(() => this.loadIfChanged());
    this.queue = run.catch(() => false);
    return run;
  }

  private async loadIfChanged(): Promise<boolean> {
    this.loading = true;
    const started = performance.now();
    try {
      const revision = await this.source.revision();
      if (revision === this.current.revision) return false;
      const next = compileConfig(await this.source.load(), this.services);
      this.current = next;
      this.services.metrics.configRevision.set(next.revision);
      this.services.metrics.configReloadSeconds.observe((performance.now() - started) / 1000);
      for (const listener of this.listeners) listener(next);
      return true;
    } catch (error) {
      this.services.metrics.configReloadFailures.inc();
      this.log?.warn({ err: error }, 'configuration reload failed; serving the last configuration');
      return false;
    } finally {
      this.loading = false;
    }
  }
}
