import { Registry } from 'prom-client';
import { RouteMeters } from './route-meters';

describe('RouteMeters', () => {
  it('exposes per-route counters and cumulative histograms through the prom-client registry', async () => {
    const registry = new Registry();
    const meters = new RouteMeters([0.01, 0.1, 1]);
    meters.register(registry);
    const route = meters.of('g1', 'a1', 'RELEASE');
    expect(meters.of('g1', 'a1', 'RELEASE')).toBe(route); // one series per route, found again
    route.record(200, 0.005, 0.001);
    route.record(201, 0.05, undefined);
    route.record(503, 2, 0.5);
    meters.of('g2', '', 'TEST').record(404, 0.1, undefined);

    const text = await registry.metrics();
    const line = (s: string) => expect(text.split('\n')).toContain(s);
    line('apigw_requests_total{group="g1",api="a1",stage="RELEASE",status_class="2xx"} 2');
    line('apigw_requests_total{group="g1",api="a1",stage="RELEASE",status_class="5xx"} 1');
    line('apigw_requests_total{group="g2",api="",stage="TEST",status_class="4xx"} 1');
    line('apigw_request_duration_seconds_bucket{group="g1",api="a1",stage="RELEASE",le="0.01"} 1');
    line('apigw_request_duration_seconds_bucket{group="g1",api="a1",stage="RELEASE",le="0.1"} 2');
    line('apigw_request_duration_seconds_bucket{group="g1",api="a1",stage="RELEASE",le="1"} 2');
    line('apigw_request_duration_seconds_bucket{group="g1",api="a1",stage="RELEASE",le="+Inf"} 3');
    line('apigw_request_duration_seconds_sum{group="g1",api="a1",stage="RELEASE"} 2.055');
    line('apigw_request_duration_seconds_count{group="g1",api="a1",stage="RELEASE"} 3');
    // A value equal to a bound falls in that bucket (le = less than or equal).
    line('apigw_request_duration_seconds_bucket{group="g2",api="",stage="TEST",le="0.1"} 1');
    line('apigw_upstream_duration_seconds_count{group="g1",api="a1",stage="RELEASE"} 2');
    expect(text).not.toMatch(/apigw_upstream_duration_seconds_count\{group="g2"/); // no upstream call, no series
    expect(text).toMatch(/^# TYPE apigw_request_duration_seconds histogram$/m);
    expect(text).toMatch(/^# TYPE apigw_requests_total counter$/m);
  });

  it('keeps one series per group, stage and API: routes sharing two of the three stay apart', async () => {
    const registry = new Registry();
    const meters = new RouteMeters([1]);
    meters.register(registry);
    const routes = [['g', 'a', 'RELEASE'], ['g', 'b', 'RELEASE'], ['g', 'a', 'TEST'], ['h', 'a', 'RELEASE'], ['g', 'RELEASE', 'a']];
    routes.forEach(([group, api, stage], i) => { for (let n = 0; n <= i; n++) meters.of(group, api, stage).record(200, 0.1, undefined); });
    expect(new Set(routes.map(([group, api, stage]) => meters.of(group, api, stage))).size).toBe(routes.length);
    const text = await registry.metrics();
    routes.forEach(([group, api, stage], i) => {
      expect(text.split('\n')).toContain(`apigw_requests_total{group="${group}",api="${api}",stage="${stage}",status_class="2xx"} ${i + 1}`);
    });
  });
});
