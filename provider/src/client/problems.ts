/**
 * Turns a refused management call into Terraform diagnostics on the attributes at fault. The API names
 * fields by the catalogue's dotted paths (`request.path`, `parameters[2].name`), which are also our
 * attribute paths, so they map one to one. Two codes carry no field: a duplicate names its unique key
 * only in the message, and a quota is counted per scope field; we point at those fields ourselves.
 */
import { MANAGEMENT_ERRORS } from '../../../service/src/shared/errors';
import type { ResourceKind } from '../../../service/src/control/catalogue/types';
import type { Diagnostic, Severity } from '../framework/diagnostics';
import { attr, parsePath } from '../values/path';
import type { Path } from '../values/path';
import type { ApiFailure } from './api-client';

export interface FailureContext {
  kind?: ResourceKind;
  /** Added to every detail, e.g. that the call was a plan-time dry run. */
  note?: string;
  severity?: Severity;
}

function summaryOf(code: string): string {
  const known = (MANAGEMENT_ERRORS as Record<string, { message: string } | undefined>)[code];
  return known ? known.message : `The apigw management API answered ${code}`;
}

/** The unique key named in an ALREADY_EXISTS message (`a api with group_id "…" and name "…" …`). */
function duplicatePath(kind: ResourceKind, message: string): Path | undefined {
  const key = (kind.unique ?? []).find((u) => u.fields.every((f) => message.includes(`${f} "`) || kind.fields[f]?.sensitive));
  if (!key) return undefined;
  const own = key.fields.find((f) => !(kind.fields[f]?.type === 'string' && 'ref' in kind.fields[f] && kind.fields[f].ref));
  return [attr(own ?? key.fields[key.fields.length - 1])];
}

function pathWithoutField(failure: ApiFailure, kind: ResourceKind | undefined): Path | undefined {
  if (!kind) return undefined;
  if (failure.code === 'ALREADY_EXISTS') return duplicatePath(kind, failure.apiMessage);
  if (failure.code === 'QUOTA_EXCEEDED' && kind.quota?.per.length) return [attr(kind.quota.per[0])];
  return undefined;
}

const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

export function failureDiagnostics(failure: ApiFailure, context: FailureContext = {}): Diagnostic[] {
  const severity = context.severity ?? 'error';
  const where = `[${failure.code}: ${failure.method} ${new URL(failure.url).pathname}${new URL(failure.url).search} → ` +
    `${failure.status}${failure.requestId ? `, request id ${failure.requestId}` : ''}]`;
  const tail = `${where}${context.note ? `\n${context.note}` : ''}`;
  const summary = summaryOf(failure.code);
  if (failure.errors.length === 0) {
    const path = pathWithoutField(failure, context.kind);
    return [{ severity, summary, detail: `${sentence(failure.apiMessage)}\n${tail}`, ...(path ? { path } : {}) }];
  }
  return failure.errors.map((e) => {
    const path = parsePath(e.field);
    return { severity, summary, detail: `${e.field}: ${sentence(e.message)}\n${tail}`, ...(path?.length ? { path } : {}) };
  });
}
