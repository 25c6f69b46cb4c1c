/**
 * The request pipeline: limits → group by Host → stage by X-Stage → route → the API's policies →
 * backend (policy backend or default; mock, HTTP or channel) → streamed answer. The only place that
 * writes proxy responses; policies return decisions.
 *
 * One ProxyCall object per request carries everything the pipeline learns (it is also the call's
 * metrics / access-log record and the backend exchange's listener). The pipeline runs synchronously
 * until a policy needs to wait (a body to read, Redis, an authorizer), and never allocates a promise
 * when none does: on the benchmark machine every closure and promise per request showed in the CPU cost.
 */
import crypto from 'node:crypto';
import type { CompiledApi, CompiledConfig, CompiledGroup, CompiledStage } from '../config/compiled';
import type { ForwardListener, ForwardResult } from '../backend/forward';
import type { OutgoingHeaders, ProxyRequest, ProxyResponse } from '../http1/types';
import type { ResponseFields } from '../http1/upstream';
import { failure, type CallContext, type Decision, type GatewayFailure } from '../pipeline/context';
import type { RuntimeApp } from '../../shared/runtime-config';
import type { DataServices } from '../services';
import { sendBackend, type BackendCaller } from './backend-call';
import { addCorsHeaders, answerPreflight, isPreflight } from './cors';
import { sendGatewayError, type ErrorScene } from './gateway-error';
import { checkLimits } from './limits';
import { recordCall, type CallRecord } from './record';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
const RELEASE = 'RELEASE';

export interface LiveConfig {
  readonly current: CompiledConfig;
}

function hostOf(req: ProxyRequest): string {
  const host = req.headers.host ?? '';
  const end = host.startsWith('[') ? host.indexOf(']') + 1 : host.indexOf(':');
  return (end > 0 ? host.slice(0, end) : host).toLowerCase();
}

function decodeParams(params: Record<string, string>): Record<string, string> | undefined {
  try {
    for (const k in params) params[k] = decodeURIComponent(params[k]);
    return params;
  } catch {
    return undefined;
  }
}

/** What policies see of the call (CallContext); the query string is parsed only when one reads it. */
class PipelineContext implements CallContext {
  app?: RuntimeApp;
  claims?: Record<string, unknown>;
  authorizerParams?: CallContext['authorizerParams'];
  params: Record<string, string> = {};
  body?: Buffer;
  debug?: Record<string, string>;
  private parsedQuery: URLSearchParams | undefined = undefined;

  constructor(
    readonly req: ProxyRequest, readonly requestId: string, readonly sourceIp: string, readonly host: string,
    readonly path: string, readonly rawQuery: string, readonly group: CompiledGroup, readonly stage: CompiledStage,
    readonly api: CompiledApi, readonly pathParams: Record<string, string>, readonly rest: string,
  ) {
    if (req.headers['x-apig-mode'] === 'debug') this.debug = {};
  }

  get secure(): boolean { return this.req.encrypted; }
  get method(): string { return this.req.method; }
  get query(): URLSearchParams { return (this.parsedQuery ??= new URLSearchParams(this.rawQuery)); }
}

class ProxyCall implements CallRecord, ErrorScene, BackendCaller, ForwardListener {
  readonly started = performance.now();
  readonly requestId: string;
  readonly sourceIp: string;
  group = '';
  api = '';
  stage = '';
  app?: string;
  error?: string;
  upstreamMs?: number;
  // ErrorScene (the $context.* of gateway-response templates)
  apiId?: string;
  appId?: string;
  templates?: ErrorScene['templates'];
  ctx!: PipelineContext;
  /** A channel member picked for this call: released when the call is over. */
  heldOrigin?: string;

  constructor(readonly req: ProxyRequest, readonly res: ProxyResponse, readonly services: DataServices) {
    const given = req.headers['x-request-id'];
    this.requestId = typeof given === 'string' && REQUEST_ID.test(given) ? given : crypto.randomUUID();
    this.sourceIp = req.remoteAddress;
  }

  /** Metrics and the access log, once the answer is out (http1 calls res.onFinish). */
  readonly finish = (): void => recordCall(this.services, this.req, this.res, this);

  fail(f: GatewayFailure): void {
    this.error = f.code;
    sendGatewayError(this.res, f, this);
  }

  run(config: CompiledConfig): void {
    const { req, res } = this;
    const limited = checkLimits(req, this.services.options.maxBodyBytes);
    if (limited) return this.fail(limited);
    const host = hostOf(req);
    const group = config.hosts.get(host);
    if (!group) return this.fail(failure('API_NOT_FOUND', 'No API group serves this host'));
    this.templates = group.runtime.gateway_responses;
    this.group = group.runtime.id;
    const stageName = (req.headers['x-stage'] ?? req.headers['x-ca-stage'] ?? RELEASE) as string;
    const stage = group.stages.get(stageName);
    if (!stage) return this.fail(failure('API_NOT_FOUND', `Nothing is published in stage "${stageName}"`));
    this.stage = stage.name;
    const url = req.url;
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    if (isPreflight(req)) {
      const target = stage.router.match(String(req.headers['access-control-request-method']), path);
      if (target?.value.definition.request.cors) return answerPreflight(req, res, this.requestId);
    }
    const match = stage.router.match(req.method, path);
    if (!match) return this.fail(failure('API_NOT_FOUND'));
    const api = match.value;
    this.api = this.apiId = api.definition.id;
    const pathParams = decodeParams(match.params);
    if (!pathParams) return this.fail(failure('PARAMETER_INVALID', 'A path parameter is not valid percent-encoding'));
    this.ctx = new PipelineContext(req, this.requestId, this.sourceIp, host, path, q < 0 ? '' : url.slice(q + 1), group, stage, api, pathParams, match.rest);
    this.applyPolicies(0);
  }

  /** Runs the API's policies from `index` on; waits only for a policy that returns a promise. */
  private applyPolicies(index: number): void {
    const policies = this.ctx.api.policies;
    for (let i = index; i < policies.length; i++) {
      const decision = policies[i].apply(this.ctx);
      if (decision instanceof Promise) {
        decision.then((d) => (d ? this.refuse(d) : this.applyPolicies(i + 1)), (error) => this.crash(error));
        return;
      }
      if (decision) return this.refuse(decision);
    }
    this.app = this.appId = this.ctx.app?.id;
    sendBackend(this);
  }

  private refuse(decision: NonNullable<Decision>): void {
    this.appId = this.ctx.app?.id;
    this.fail(decision);
  }

  crash(error: unknown): void {
    this.services.log?.error({ err: error, request_id: this.requestId }, 'proxy request failed');
    this.releaseChannel();
    this.fail(failure('INTERNAL_ERROR'));
  }

  /** ForwardListener: the gateway's own headers on the backend's answer. */
  completeHeaders(headers: OutgoingHeaders, upstreamMs: number | undefined, backend?: ResponseFields): void {
    headers['x-request-id'] = this.requestId;
    if (this.ctx.api.definition.request.cors) addCorsHeaders(this.req, headers, backend);
    const debug = this.ctx.debug;
    if (!debug) return;
    const total = performance.now() - this.started;
    headers['x-apig-latency'] = (total - (upstreamMs ?? 0)).toFixed(3);
    if (upstreamMs !== undefined) headers['x-apig-upstream-latency'] = upstreamMs.toFixed(3);
    Object.assign(headers, debug);
  }

  /** ForwardListener: the backend call is over. */
  forwarded(result: ForwardResult): void {
    this.releaseChannel();
    this.upstreamMs = result.upstreamMs;
    if (result.failure) this.fail(result.failure);
  }

  private releaseChannel(): void {
    if (this.heldOrigin === undefined) return;
    this.services.channels?.release?.(this.heldOrigin);
    this.heldOrigin = undefined;
  }
}

export function createRequestHandler(live: LiveConfig, services: DataServices) {
  return (req: ProxyRequest, res: ProxyResponse): void => {
    const call = new ProxyCall(req, res, services);
    res.onFinish = call.finish;
    try {
      call.run(live.current);
    } catch (error) {
      call.crash(error);
    }
  };
}
