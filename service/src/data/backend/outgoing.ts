/**
 * Builds the request sent to the backend: method, path with mapped parameters, query and headers
 * (mapped, constant and system parameters; X-Forwarded-*; the request id), minus hop-by-hop headers.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { CallContext } from '../pipeline/context';
import type { BackendPlan } from './plan';
import { renderPath } from './template';

export interface OutgoingRequest {
  method: string;
  /** Path and query. */
  path: string;
  headers: Record<string, string | string[]>;
}

/** Never forwarded: hop-by-hop headers (RFC 9110 §7.6.1) and the gateway's own credentials. */
const DROPPED = new Set([
  'connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding',
  'upgrade', 'host', 'x-apig-appcode', 'x-apig-mode', 'x-stage',
]);

const NONE: string[] = [];

function systemValue(ctx: CallContext, name: string): string {
  switch (name) {
    case 'source_ip': return ctx.sourceIp;
    case 'stage': return ctx.stage.name;
    case 'api_id': return ctx.api.definition.id;
    case 'app_id': return ctx.app?.id ?? '';
    case 'request_id': return ctx.requestId;
    case 'domain': return ctx.host;
    default: return '';
  }
}

function forwardedHeaders(ctx: CallContext, plan: BackendPlan): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const appAuth = ctx.api.definition.auth_type === 'APP';
  const incoming: IncomingHttpHeaders = ctx.req.headers;
  const connection = incoming.connection;
  // Headers named in Connection are hop-by-hop too; the common values name none.
  const listed = connection === undefined || connection === 'keep-alive' || connection === 'close'
    ? NONE : connection.toLowerCase().split(',').map((s) => s.trim());
  for (const name in incoming) {
    const value = incoming[name];
    if (value === undefined || DROPPED.has(name) || listed.includes(name) || plan.consumedHeaders.has(name)) continue;
    if (name === 'authorization' && /^APPCODE\s/i.test(String(value))) continue; // a gateway credential, never the backend's
    if (appAuth && name.startsWith('x-ca-')) continue; // the caller's signature, consumed here (map app_id to tell the backend)
    out[name] = value;
  }
  const prior = incoming['x-forwarded-for'];
  out['x-forwarded-for'] = prior ? `${prior}, ${ctx.sourceIp}` : ctx.sourceIp;
  out['x-forwarded-proto'] = ctx.secure ? 'https' : 'http';
  out['x-forwarded-host'] = String(incoming.host ?? ctx.host);
  out['x-request-id'] = ctx.requestId;
  return out;
}

/** The path and query when nothing is mapped: the caller's query string travels untouched. */
function plainTarget(ctx: CallContext, plan: BackendPlan): string {
  let path = plan.basePath + renderPath(plan.path, ctx.pathParams);
  if (ctx.api.definition.request.match_mode === 'PREFIX' && ctx.rest) path = path.replace(/\/$/, '') + ctx.rest;
  return ctx.rawQuery ? `${path}?${ctx.rawQuery}` : path;
}

export function buildOutgoing(ctx: CallContext, plan: BackendPlan): OutgoingRequest {
  const headers = forwardedHeaders(ctx, plan);
  const method = plan.def.method === 'ANY' ? ctx.method : plan.def.method;
  if (plan.mapping.length === 0 && !ctx.authorizerParams?.length) return { method, path: plainTarget(ctx, plan), headers };
  const query = new URLSearchParams(ctx.query);
  for (const name of plan.consumedQuery) query.delete(name);
  const pathValues: Record<string, string> = { ...ctx.pathParams };
  for (const m of plan.mapping) {
    const value = m.origin === 'REQUEST' ? ctx.params[m.value] : m.origin === 'CONSTANT' ? m.value : systemValue(ctx, m.value);
    if (value === undefined) continue;
    if (m.location === 'PATH') pathValues[m.name] = value;
    else if (m.location === 'QUERY') query.set(m.name, value);
    else headers[m.name] = value; // lowercase since compileBackend
  }
  for (const p of ctx.authorizerParams ?? []) {
    if (p.location === 'QUERY') query.set(p.name, p.value);
    else headers[p.name.toLowerCase()] = p.value;
  }
  let path = plan.basePath + renderPath(plan.path, pathValues);
  if (ctx.api.definition.request.match_mode === 'PREFIX' && ctx.rest) path = path.replace(/\/$/, '') + ctx.rest;
  const search = query.toString();
  return { method, path: search ? `${path}?${search}` : path, headers };
}
