/**
 * The gateway's own error responses: `{"error_code","error_msg","request_id"}` by default, shaped
 * by the group's gateway-response template for the code (or DEFAULT_4XX / DEFAULT_5XX).
 */
import type { ProxyResponse } from '../http1/types';
import { GATEWAY_ERRORS } from '../../shared/errors';
import type { GatewayResponseTemplate } from '../../shared/runtime-config';
import type { GatewayFailure } from '../pipeline/context';

export interface ErrorScene {
  requestId: string;
  sourceIp: string;
  apiId?: string;
  appId?: string;
  stage?: string;
  templates?: Readonly<Record<string, GatewayResponseTemplate>>;
}

const jsonText = (value: string) => JSON.stringify(value).slice(1, -1);

function render(template: string, vars: Record<string, string>): string {
  return template.replace(/\$context\.([A-Za-z.]+)/g, (whole, name: string) => (name in vars ? jsonText(vars[name]) : whole));
}

export function sendGatewayError(res: ProxyResponse, f: GatewayFailure, scene: ErrorScene): void {
  const spec = GATEWAY_ERRORS[f.code];
  const message = f.message ?? spec.message;
  const template = scene.templates?.[f.code] ?? scene.templates?.[spec.status < 500 ? 'DEFAULT_4XX' : 'DEFAULT_5XX'];
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', ...f.headers, 'x-request-id': scene.requestId };
  let status: number = spec.status;
  let body: string;
  if (template) {
    status = template.status;
    Object.assign(headers, template.headers);
    body = render(template.body, {
      requestId: scene.requestId, apiId: scene.apiId ?? '', appId: scene.appId ?? '', stage: scene.stage ?? '',
      sourceIp: scene.sourceIp, 'error.code': f.code, 'error.message': message, 'error.type': spec.status < 500 ? 'CLIENT' : 'SERVER',
    });
  } else {
    body = JSON.stringify({ error_code: f.code, error_msg: message, request_id: scene.requestId });
  }
  if (res.headersSent) { res.destroy(); return; }
  headers['content-length'] = String(Buffer.byteLength(body));
  res.writeHead(status, headers);
  res.end(body);
}
