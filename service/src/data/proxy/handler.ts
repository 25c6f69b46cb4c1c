/**
 * The request pipeline: limits → group by Host → stage by X-Stage → route → the API's policies →
 * backend (policy backend or default; mock, HTTP or channel) → streamed answer. The only place that
 * writes proxy responses; policies return decisions.
 */
import crypto from 'node:crypto';
import type { ProxyRequest, ProxyResponse } from '../http1/types';
import type { CompiledApi, CompiledConfig, CompiledGroup, CompiledStage } from '../config/compiled';
import { failure, type CallContext, type GatewayFailure } from '../pipeline/context';
import type { DataServices } from '../services';
import { sendBackend } from './backend-call';
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

export function createRequestHandler(live: LiveConfig, services: DataServices) {
  return (req: ProxyRequest, res: ProxyResponse): void => {
    const given = req.headers['x-request-id'];
    const requestId = typeof given === 'string' && REQUEST_ID.test(given) ? given : crypto.randomUUID();
    const record: CallRecord = { started: performance.now(), requestId, sourceIp: req.remoteAddress, group: '', api: '', stage: '' };
    res.onFinish = () => recordCall(services, req, res, record);
    handle(live.current, req, res, record, services).catch((error) => {
      record.error = 'INTERNAL_ERROR';
      services.log?.error({ err: error, request_id: requestId }, 'proxy request failed');
      sendGatewayError(res, failure('INTERNAL_ERROR'), { requestId, sourceIp: record.sourceIp });
    });
  };
}

async function handle(config: CompiledConfig, req: ProxyRequest, res: ProxyResponse, record: CallRecord, services: DataServices): Promise<void> {
  const scene: ErrorScene = { requestId: record.requestId, sourceIp: record.sourceIp };
  const fail = (f: GatewayFailure) => { record.error = f.code; sendGatewayError(res, f, scene); };
  const limited = checkLimits(req, services.options.maxBodyBytes);
  if (limited) return fail(limited);
  const host = hostOf(req);
  const group: CompiledGroup | undefined = config.hosts.get(host);
  if (!group) return fail(failure('API_NOT_FOUND', 'No API group serves this host'));
  scene.templates = group.runtime.gateway_responses;
  record.group = group.runtime.id;
  const stageName = (req.headers['x-stage'] ?? req.headers['x-ca-stage'] ?? RELEASE) as string;
  const stage: CompiledStage | undefined = group.stages.get(stageName);
  if (!stage) return fail(failure('API_NOT_FOUND', `Nothing is published in stage "${stageName}"`));
  record.stage = stage.name;
  scene.stage = stage.name;
  const url = req.url;
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const rawQuery = q < 0 ? '' : url.slice(q + 1);
  if (isPreflight(req)) {
    const target = stage.router.match(String(req.headers['access-control-request-method']), path);
    if (target?.value.definition.request.cors) return answerPreflight(req, res, record.requestId);
  }
  const match = stage.router.match(req.method, path);
  if (!match) return fail(failure('API_NOT_FOUND'));
  const api: CompiledApi = match.value;
  record.api = api.definition.id;
  scene.apiId = api.definition.id;
  const pathParams = decodeParams(match.params);
  if (!pathParams) return fail(failure('PARAMETER_INVALID', 'A path parameter is not valid percent-encoding'));
  let query: URLSearchParams | undefined;
  const ctx: CallContext = {
    req, requestId: record.requestId, sourceIp: record.sourceIp, secure: req.encrypted,
    host, method: req.method, path, rawQuery, group, stage, api, pathParams, rest: match.rest,
    get query() { return (query ??= new URLSearchParams(rawQuery)); }, // parsed only when a policy reads it
    params: {},
  };
  if (req.headers['x-apig-mode'] === 'debug') ctx.debug = {};
  for (const policy of api.policies) {
    let decision = policy.apply(ctx);
    if (decision instanceof Promise) decision = await decision;
    if (decision) {
      scene.appId = ctx.app?.id;
      return fail(decision);
    }
  }
  record.app = ctx.app?.id;
  scene.appId = ctx.app?.id;
  const problem = await sendBackend(ctx, res, services, record, (headers) => {
    if (api.definition.request.cors) addCorsHeaders(req, headers);
  });
  if (problem) fail(problem);
}
