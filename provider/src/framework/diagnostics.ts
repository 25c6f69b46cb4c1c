/**
 * Diagnostics are how every problem reaches the user: Terraform shows them with the configuration
 * line of `path` when one is given. Handlers return them instead of failing the RPC, because gRPC
 * errors surface only as "Plugin did not respond" or similar.
 */
import { formatPath, ValueError } from '../values/path';
import type { Path } from '../values/path';
import type { ObjectValue } from '../values/value';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  summary: string;
  detail?: string;
  path?: Path;
}

export const errorDiag = (summary: string, detail?: string, path?: Path): Diagnostic =>
  ({ severity: 'error', summary, ...(detail ? { detail } : {}), ...(path?.length ? { path } : {}) });

export const warningDiag = (summary: string, detail?: string, path?: Path): Diagnostic =>
  ({ severity: 'warning', summary, ...(detail ? { detail } : {}), ...(path?.length ? { path } : {}) });

/** "Invalid value for request.path" + detail, on the attribute path. */
export function invalidValue(path: Path, detail: string): Diagnostic {
  return errorDiag(`Invalid value for ${formatPath(path)}`, detail, path);
}

export const hasErrors = (diags: readonly Diagnostic[]): boolean => diags.some((d) => d.severity === 'error');

/**
 * Thrown by resource hooks to fail with chosen diagnostics (e.g. naming an attribute). `state` is
 * the object as it exists after a partial failure (created, then a follow-up call failed): apply
 * saves it, so Terraform marks it tainted instead of losing track of it.
 */
export class DiagnosticError extends Error {
  constructor(readonly diagnostics: Diagnostic[], readonly state?: ObjectValue) {
    super(diagnostics.map((d) => d.summary).join('; '));
  }
}

/** Any thrown value as diagnostics: hook failures, codec errors (with their path), bugs. */
export function diagnosticsFromError(err: unknown, summary = 'Provider error'): Diagnostic[] {
  if (err instanceof DiagnosticError) return err.diagnostics;
  if (err instanceof ValueError) return [errorDiag(summary, err.message, err.path)];
  const message = err instanceof Error ? err.message : String(err);
  return [errorDiag(summary, message)];
}
