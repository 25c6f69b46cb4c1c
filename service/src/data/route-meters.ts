/**
 * The per-request metrics — requests by status class, request latency and upstream latency — kept as
 * plain numbers per route (group × API × stage) and turned into Prometheus series only when scraped.
 * prom-client hashes the whole label set on every inc()/observe(); the benchmark measured those
 * three calls at ~10 µs per request, more than routing, policies and forwarding together. Here a
 * request costs one Map lookup and a few additions. The metrics join prom-client's registry as
 * ordinary metrics (its Metric contract: name, help, type and get()), so /metrics is unchanged.
 */
import type { Metric, Registry } from 'prom-client';

export interface RouteLabels {
  readonly group: string;
  readonly api: string;
  readonly stage: string;
}

/** One histogram's cells: per-bucket (not cumulative) counts, the sum and the count. */
export class HistogramCells {
  readonly counts: Float64Array;
  sum = 0;
  count = 0;

  constructor(private readonly bounds: readonly number[]) {
    this.counts = new Float64Array(bounds.length + 1); // the last cell is +Inf
  }

  observe(value: number): void {
    const bounds = this.bounds;
    let i = 0;
    while (i < bounds.length && value > bounds[i]) i++;
    this.counts[i]++;
    this.sum += value;
    this.count++;
  }
}

export class RouteSeries {
  /** Index = status / 100: [1] 1xx … [5] 5xx. */
  readonly byStatusClass = new Float64Array(6);
  readonly duration: HistogramCells;
  readonly upstream: HistogramCells;

  constructor(readonly labels: RouteLabels, bounds: readonly number[]) {
    this.duration = new HistogramCells(bounds);
    this.upstream = new HistogramCells(bounds);
  }

  /** Counts one answered request; `seconds` from request to response end, `upstreamSeconds` until the backend's head. */
  record(status: number, seconds: number, upstreamSeconds: number | undefined): void {
    const cls = (status / 100) | 0;
    if (cls >= 1 && cls <= 5) this.byStatusClass[cls]++;
    this.duration.observe(seconds);
    if (upstreamSeconds !== undefined) this.upstream.observe(upstreamSeconds);
  }
}

interface Sample {
  labels: Record<string, string | number>;
  value: number;
  metricName?: string;
}

export class RouteMeters {
  /**
   * group → stage → api → series. Nested maps, not one map keyed by the three joined: the ids are
   * the configuration's own strings, which keep their hash, while a joined key is a new string to
   * flatten and hash on every request (perf showed it).
   */
  private readonly byGroup = new Map<string, Map<string, Map<string, RouteSeries>>>();
  private readonly series: RouteSeries[] = [];

  constructor(readonly bounds: readonly number[]) {}

  /** The route's series, created on first use. Labels are configuration ids, so they stay bounded. */
  of(group: string, api: string, stage: string): RouteSeries {
    let stages = this.byGroup.get(group);
    if (!stages) this.byGroup.set(group, (stages = new Map()));
    let apis = stages.get(stage);
    if (!apis) stages.set(stage, (apis = new Map()));
    let s = apis.get(api);
    if (!s) {
      s = new RouteSeries({ group, api, stage }, this.bounds);
      apis.set(api, s);
      this.series.push(s);
    }
    return s;
  }

  /** Adds apigw_requests_total, apigw_request_duration_seconds and apigw_upstream_duration_seconds to `registry`. */
  register(registry: Registry): void {
    const add = (name: string, help: string, type: 'counter' | 'histogram', values: () => Sample[]) => {
      const metric = { name, help, type, get: async () => ({ name, help, type, values: values(), aggregator: 'sum' }) };
      registry.registerMetric(metric as unknown as Metric);
    };
    add('apigw_requests_total', 'Requests handled by the proxy.', 'counter', () => this.requestSamples());
    add('apigw_request_duration_seconds', 'Time from request to response end, gateway included.', 'histogram',
      () => this.histogramSamples('apigw_request_duration_seconds', (s) => s.duration));
    add('apigw_upstream_duration_seconds', 'Time from sending to the backend until its response headers.', 'histogram',
      () => this.histogramSamples('apigw_upstream_duration_seconds', (s) => s.upstream));
  }

  private requestSamples(): Sample[] {
    const out: Sample[] = [];
    for (const s of this.series) {
      for (let cls = 1; cls <= 5; cls++) {
        if (s.byStatusClass[cls] > 0) out.push({ labels: { ...s.labels, status_class: `${cls}xx` }, value: s.byStatusClass[cls] });
      }
    }
    return out;
  }

  private histogramSamples(name: string, cellsOf: (s: RouteSeries) => HistogramCells): Sample[] {
    const out: Sample[] = [];
    for (const s of this.series) {
      const cells = cellsOf(s);
      if (cells.count === 0) continue;
      let cumulative = 0;
      this.bounds.forEach((bound, i) => {
        cumulative += cells.counts[i];
        out.push({ labels: { ...s.labels, le: bound }, value: cumulative, metricName: `${name}_bucket` });
      });
      out.push({ labels: { ...s.labels, le: '+Inf' }, value: cells.count, metricName: `${name}_bucket` });
      out.push({ labels: { ...s.labels }, value: cells.sum, metricName: `${name}_sum` });
      out.push({ labels: { ...s.labels }, value: cells.count, metricName: `${name}_count` });
    }
    return out;
  }
}
