/**
 * What went wrong below HTTP, said so that the user knows which endpoint to fix. fetch reports
 * everything as `TypeError: fetch failed` and hides the reason in `cause` (an AggregateError when
 * `localhost` resolves to two addresses), so we dig the system error code out.
 */
import { errorDiag } from '../framework/diagnostics';
import type { Diagnostic } from '../framework/diagnostics';

const REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused (is apigw running and listening there?)',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved right now',
  ECONNRESET: 'the connection was reset',
  EHOSTUNREACH: 'the host is unreachable',
  ETIMEDOUT: 'the connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  UND_ERR_SOCKET: 'the connection was closed unexpectedly',
  CERT_HAS_EXPIRED: 'the server certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server certificate is self-signed and not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the server certificate is not trusted',
};

function systemCode(err: unknown, depth = 0): string | undefined {
  if (typeof err !== 'object' || err === null || depth > 4) return undefined;
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown[] };
  if (typeof e.code === 'string') return e.code;
  for (const inner of e.errors ?? []) {
    const code = systemCode(inner, depth + 1);
    if (code) return code;
  }
  return systemCode(e.cause, depth + 1);
}

export function transportProblem(err: unknown, method: string, url: string, endpoint: string, stop: AbortSignal): Diagnostic {
  if (stop.aborted) return errorDiag('Cancelled', `${method} ${url} was cancelled because Terraform asked the provider to stop.`);
  if (err instanceof Error && err.name === 'TimeoutError') {
    return errorDiag('The apigw management API did not answer in time', `${method} ${url} timed out.`);
  }
  const code = systemCode(err);
  const reason = (code && REASONS[code]) ?? (err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err));
  return errorDiag(`Cannot reach the apigw management API at ${endpoint}`,
    `${method} ${url} failed: ${reason}${code && REASONS[code] ? ` [${code}]` : ''}. ` +
    'Check the provider\'s endpoint (or APIGW_ENDPOINT) and that the apigw service is running there.');
}
