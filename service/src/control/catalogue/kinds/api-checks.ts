/** Cross-field rules of an API definition. Pure: the provider runs them at plan time as well. */
import { isValidCidrOrIp } from '../net';
import type { FieldError } from '../types';

const PATH_PARAM = /\{([^{}]+)\}/g;
const SYSTEM_PARAMETER_NAMES = new Set(['source_ip', 'stage', 'api_id', 'app_id', 'request_id', 'domain']);

export function pathParameterNames(path: string): string[] {
  return [...path.matchAll(PATH_PARAM)].map((m) => m[1].replace(/\+$/, ''));
}

function checkRequestPath(path: string, errors: FieldError[]): void {
  const segments = path.split('/');
  segments.forEach((segment, i) => {
    const m = /^\{([A-Za-z0-9_.-]+)(\+?)\}$/.exec(segment);
    if (segment.includes('{') && !m) {
      errors.push({ field: 'request.path', message: `segment "${segment}" must be a whole {name} or {name+}` });
    } else if (m?.[2] && i !== segments.length - 1) {
      errors.push({ field: 'request.path', message: `{${m[1]}+} may only be the last segment` });
    }
  });
}

function isRegex(pattern: string): boolean {
  try { new RegExp(pattern); return true; } catch { return false; }
}

function checkParameters(input: Record<string, any>, errors: FieldError[]): void {
  const params: any[] = input.parameters ?? [];
  const seen = new Set<string>();
  params.forEach((p, i) => {
    const at = `parameters[${i}]`;
    const key = `${p.location}:${p.location === 'HEADER' ? String(p.name).toLowerCase() : p.name}`;
    if (seen.has(key)) errors.push({ field: `${at}.name`, message: `duplicate ${p.location} parameter "${p.name}"` });
    seen.add(key);
    if (p.min_length != null && p.max_length != null && p.min_length > p.max_length) {
      errors.push({ field: `${at}.min_length`, message: 'must not be greater than max_length' });
    }
    if (p.minimum != null && p.maximum != null && p.minimum > p.maximum) {
      errors.push({ field: `${at}.minimum`, message: 'must not be greater than maximum' });
    }
    if (p.pattern != null && !isRegex(p.pattern)) errors.push({ field: `${at}.pattern`, message: 'is not a valid regular expression' });
  });
  const inPath = new Set(pathParameterNames(input.request?.path ?? ''));
  const declared = new Set(params.filter((p) => p.location === 'PATH').map((p) => p.name));
  for (const n of inPath) {
    if (!declared.has(n)) errors.push({ field: 'parameters', message: `path parameter "${n}" of request.path must be declared with location PATH` });
  }
  params.forEach((p, i) => {
    if (p.location === 'PATH' && !inPath.has(p.name)) {
      errors.push({ field: `parameters[${i}].name`, message: `PATH parameter "${p.name}" does not appear in request.path` });
    }
  });
}

export function checkBackend(backend: Record<string, any> | undefined, at: string, errors: FieldError[]): void {
  if (!backend) return;
  const type = backend.type ?? 'HTTP';
  if (type === 'HTTP' && !backend.address) errors.push({ field: `${at}.address`, message: 'is required when type is HTTP' });
  if (type === 'CHANNEL' && !backend.channel_id) errors.push({ field: `${at}.channel_id`, message: 'is required when type is CHANNEL' });
}

function checkBackendParameters(input: Record<string, any>, errors: FieldError[]): void {
  const frontNames = new Set((input.parameters ?? []).map((p: any) => p.name));
  const mappedPath = new Set<string>();
  (input.backend_parameters ?? []).forEach((b: any, i: number) => {
    if (b.origin === 'REQUEST' && !frontNames.has(b.value)) {
      errors.push({ field: `backend_parameters[${i}].value`, message: `"${b.value}" is not a declared request parameter` });
    }
    if (b.origin === 'SYSTEM' && !SYSTEM_PARAMETER_NAMES.has(b.value)) {
      errors.push({ field: `backend_parameters[${i}].value`, message: `must be one of ${[...SYSTEM_PARAMETER_NAMES].join(', ')}` });
    }
    if (b.location === 'PATH') mappedPath.add(b.name);
  });
  const frontPath = new Set(pathParameterNames(input.request?.path ?? ''));
  for (const n of pathParameterNames(input.backend?.path ?? '')) {
    if (!mappedPath.has(n) && !frontPath.has(n)) {
      errors.push({ field: 'backend.path', message: `{${n}} is neither a PATH backend parameter nor a request path parameter` });
    }
  }
}

function checkPolicyBackends(input: Record<string, any>, errors: FieldError[]): void {
  const frontNames = new Set((input.parameters ?? []).map((p: any) => p.name));
  (input.policy_backends ?? []).forEach((pb: any, i: number) => {
    checkBackend(pb.backend, `policy_backends[${i}].backend`, errors);
    (pb.conditions ?? []).forEach((c: any, j: number) => {
      const at = `policy_backends[${i}].conditions[${j}]`;
      const op = c.operator ?? 'EQUAL';
      if (c.source === 'PARAMETER' && !frontNames.has(c.parameter_name)) {
        errors.push({ field: `${at}.parameter_name`, message: 'must name a declared request parameter' });
      }
      if (c.source === 'JWT_CLAIM' && !c.parameter_name) errors.push({ field: `${at}.parameter_name`, message: 'must name the JWT claim' });
      if (op === 'CIDR' && c.source !== 'SOURCE_IP') errors.push({ field: `${at}.operator`, message: 'CIDR applies only to SOURCE_IP' });
      if (c.source === 'SOURCE_IP' && op === 'CIDR' && !isValidCidrOrIp(c.value)) {
        errors.push({ field: `${at}.value`, message: 'is not a valid IP address or CIDR block' });
      }
      if (op === 'PATTERN' && !isRegex(c.value)) errors.push({ field: `${at}.value`, message: 'is not a valid regular expression' });
    });
  });
}

export function checkApi(input: Record<string, any>): FieldError[] {
  const errors: FieldError[] = [];
  if (input.request?.path) checkRequestPath(input.request.path, errors);
  checkParameters(input, errors);
  if (input.auth_type === 'AUTHORIZER' && !input.authorizer_id) {
    errors.push({ field: 'authorizer_id', message: 'is required when auth_type is AUTHORIZER' });
  }
  if (input.app_code_auth && input.auth_type !== 'APP') {
    errors.push({ field: 'app_code_auth', message: 'applies only when auth_type is APP' });
  }
  checkBackend(input.backend, 'backend', errors);
  checkBackendParameters(input, errors);
  checkPolicyBackends(input, errors);
  return errors;
}
