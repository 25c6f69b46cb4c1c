/**
 * The backend phase: pick the policy backend whose conditions hold (else the default), then answer
 * from a mock, or call the HTTP backend (or a channel member) and stream its answer back.
 */
import type { BackendPlan } from '../backend/plan';
import { forward, type ForwardListener } from '../backend/forward';
import { buildOutgoing } from '../backend/outgoing';
import type { OutgoingHeaders, ProxyResponse } from '../http1/types';
import { failure, type CallContext, type GatewayFailure } from '../pipeline/context';
import type { DataServices } from '../services';

/** The call as the backend phase needs it (proxy/handler.ts's ProxyCall). */
export interface BackendCaller extends ForwardListener {
  readonly ctx: CallContext;
  readonly res: ProxyResponse;
  readonly services: DataServices;
  /** A picked channel member, released by the caller when the call is over. */
  heldOrigin?: string;
  fail(f: GatewayFailure): void;
}

function choosePlan(ctx: CallContext): BackendPlan {
  for (const pb of ctx.api.policyBackends) if (pb.applies(ctx)) return pb.plan;
  return ctx.api.backend;
}

function sendMock(call: BackendCaller, plan: BackendPlan): void {
  const headers: OutgoingHeaders = { ...plan.def.mock_headers };
  headers['content-length'] = String(Buffer.byteLength(plan.def.mock_body));
  call.completeHeaders(headers, undefined);
  call.res.writeHead(plan.def.mock_status_code, headers);
  call.res.end(plan.def.mock_body);
}

export function sendBackend(call: BackendCaller): void {
  const { ctx, services } = call;
  const plan = choosePlan(ctx);
  if (plan.missingVariables.length) {
    return call.fail(failure('VARIABLE_MISSING', `Stage "${ctx.stage.name}" does not define ${plan.missingVariables.map((v) => `#${v}#`).join(', ')}`));
  }
  if (plan.def.type === 'MOCK') return sendMock(call, plan);
  const target = plan.def.type === 'CHANNEL' ? services.channels?.pick(plan.def.channel_id!, ctx, plan.def.channel_scheme) : plan.origin;
  if (!target) return call.fail(failure(plan.def.type === 'CHANNEL' ? 'NO_HEALTHY_BACKEND' : 'BACKEND_UNAVAILABLE'));
  // Only channel picks are counted; the caller releases the pick when the call is over, whatever happens.
  if (plan.def.type === 'CHANNEL') call.heldOrigin = target;
  const out = buildOutgoing(ctx, plan);
  services.signBackend?.(ctx, out);
  forward(ctx, target, out, call.res, services.upstreams, Math.min(plan.def.timeout_ms, services.options.maxBackendTimeoutMs), call);
}
