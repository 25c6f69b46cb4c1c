/**
 * The backend phase: pick the policy backend whose conditions hold (else the default), then answer
 * from a mock, or call the HTTP backend (or a channel member) and stream its answer back.
 */
import type { BackendPlan } from '../backend/plan';
import type { OutgoingHeaders, ProxyResponse } from '../http1/types';
import { buildOutgoing } from '../backend/outgoing';
import { forward } from '../backend/forward';
import { failure, type CallContext, type GatewayFailure } from '../pipeline/context';
import type { DataServices } from '../services';
import type { CallRecord } from './record';

type HeaderHook = (headers: OutgoingHeaders) => void;

function choosePlan(ctx: CallContext): BackendPlan {
  for (const pb of ctx.api.policyBackends) if (pb.applies(ctx)) return pb.plan;
  return ctx.api.backend;
}

function debugHeaders(ctx: CallContext, record: CallRecord, upstreamMs: number | undefined, headers: OutgoingHeaders): void {
  if (!ctx.debug) return;
  const total = performance.now() - record.started;
  headers['x-apig-latency'] = (total - (upstreamMs ?? 0)).toFixed(3);
  if (upstreamMs !== undefined) headers['x-apig-upstream-latency'] = upstreamMs.toFixed(3);
  Object.assign(headers, ctx.debug);
}

function sendMock(ctx: CallContext, plan: BackendPlan, res: ProxyResponse, record: CallRecord, hook: HeaderHook): void {
  const headers: OutgoingHeaders = { ...plan.def.mock_headers, 'x-request-id': ctx.requestId };
  headers['content-length'] = String(Buffer.byteLength(plan.def.mock_body));
  hook(headers);
  debugHeaders(ctx, record, undefined, headers);
  res.writeHead(plan.def.mock_status_code, headers);
  res.end(plan.def.mock_body);
}

export async function sendBackend(ctx: CallContext, res: ProxyResponse, services: DataServices, record: CallRecord, hook: HeaderHook): Promise<GatewayFailure | undefined> {
  const plan = choosePlan(ctx);
  if (plan.missingVariables.length) {
    return failure('VARIABLE_MISSING', `Stage "${ctx.stage.name}" does not define ${plan.missingVariables.map((v) => `#${v}#`).join(', ')}`);
  }
  if (plan.def.type === 'MOCK') { sendMock(ctx, plan, res, record, hook); return undefined; }
  const target = plan.def.type === 'CHANNEL' ? services.channels?.pick(plan.def.channel_id!, ctx, plan.def.channel_scheme) : plan.origin;
  if (!target) return failure(plan.def.type === 'CHANNEL' ? 'NO_HEALTHY_BACKEND' : 'BACKEND_UNAVAILABLE');
  try {
    const out = buildOutgoing(ctx, plan);
    services.signBackend?.(ctx, out);
    const timeoutMs = Math.min(plan.def.timeout_ms, services.options.maxBackendTimeoutMs);
    const result = await forward(ctx, target, out, res, {
      pools: services.upstreams, timeoutMs,
      extraHeaders: (headers, upstreamMs) => {
        headers['x-request-id'] = ctx.requestId;
        hook(headers);
        debugHeaders(ctx, record, upstreamMs, headers);
      },
    });
    record.upstreamMs = result.upstreamMs;
    return result.failure;
  } finally {
    // Only channel picks are counted, and every one must be released, even if the call threw.
    if (plan.def.type === 'CHANNEL') services.channels?.release?.(target);
  }
}
