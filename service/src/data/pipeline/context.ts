/**
 * What the pipeline knows about one call, and the contract of a policy: a policy reads the call and
 * returns a decision (go on, or a gateway failure); it never writes to the socket. The pipeline owns
 * the response.
 */
import type { ProxyRequest } from '../http1/types';
import type { GatewayErrorCode } from '../../shared/errors';
import type { RuntimeApp } from '../../shared/runtime-config';
import type { CompiledApi, CompiledGroup, CompiledStage } from '../config/compiled';

export interface GatewayFailure {
  code: GatewayErrorCode;
  /** Replaces the registry's default message; must not echo secrets. */
  message?: string;
  headers?: Record<string, string>;
}

export const failure = (code: GatewayErrorCode, message?: string, headers?: Record<string, string>): GatewayFailure =>
  ({ code, message, headers });

export type Decision = GatewayFailure | undefined;

export interface CallContext {
  readonly req: ProxyRequest;
  readonly requestId: string;
  readonly sourceIp: string;
  readonly secure: boolean;
  /** Host without port, lowercase. */
  readonly host: string;
  readonly method: string;
  /** Raw path (percent-encoded, no query). */
  readonly path: string;
  /** Raw query string without `?`, or ''. */
  readonly rawQuery: string;
  readonly group: CompiledGroup;
  readonly stage: CompiledStage;
  readonly api: CompiledApi;
  /** Decoded path parameters of the matched route. */
  readonly pathParams: Record<string, string>;
  /** Unmatched rest of the path for PREFIX routes ('' otherwise). */
  readonly rest: string;
  /** The query string, parsed on first use. */
  readonly query: URLSearchParams;
  /** The authenticated app, if any. */
  app?: RuntimeApp;
  /** Claims of a verified JWT, for policy backends and claim mapping. */
  claims?: Record<string, unknown>;
  /** Values an authorizer asks to send to the backend. */
  authorizerParams?: Array<{ location: 'HEADER' | 'QUERY'; name: string; value: string }>;
  /** Front-end parameters after validation and defaults, by name. */
  params: Record<string, string>;
  /** The request body, when a policy had to read it (form signatures). */
  body?: Buffer;
  /** Extra response headers in debug mode (X-Apig-Mode: debug). */
  debug?: Record<string, string>;
}

export interface Policy {
  /** Short name for metrics and logs: acl, auth, throttling, parameters... */
  readonly name: string;
  apply(ctx: CallContext): Decision | Promise<Decision>;
}
