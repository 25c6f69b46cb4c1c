/**
 * The apigw management API as the provider uses it: JSON over Node's global fetch (nothing extra to
 * load at start-up), a Bearer token, one timeout per request, and Terraform's stop signal. Transport
 * problems and a refused token become diagnostics at once, because no caller can do better; any other
 * HTTP error is an ApiFailure the caller interprets (a 404 on read means "gone", not "broken").
 */
import { DiagnosticError, errorDiag } from '../framework/diagnostics';
import type { HookContext } from '../framework/resource';
import { transportProblem } from './transport';

/** One entry of the API's `errors` array: the dotted field path (`request.path`) and what is wrong. */
export interface ApiFieldError {
  field: string;
  message: string;
}

/** A non-2xx answer with the API's JSON error body (`error_code`, `error_msg`, `request_id`, `errors`). */
export class ApiFailure extends Error {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly status: number,
    readonly code: string,
    readonly apiMessage: string,
    readonly requestId: string,
    readonly errors: readonly ApiFieldError[],
  ) {
    super(`${method} ${url}: ${status} ${code}: ${apiMessage}`);
  }
}

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | undefined>;
}

/** Long enough for a publish of a large API on a busy database; a hung service must not hang Terraform. */
const REQUEST_TIMEOUT_MS = 60_000;

export class ApiClient {
  constructor(private readonly ctx: Pick<HookContext, 'settings' | 'signal' | 'log'>) {}

  get = (path: string, options?: RequestOptions) => this.request('GET', path, options);
  post = (path: string, options?: RequestOptions) => this.request('POST', path, options);
  put = (path: string, options?: RequestOptions) => this.request('PUT', path, options);
  delete = (path: string, options?: RequestOptions) => this.request('DELETE', path, options);

  async request(method: string, path: string, options: RequestOptions = {}): Promise<any> {
    const url = this.url(path, options.query);
    const started = Date.now();
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${this.ctx.settings.token}`,
          accept: 'application/json',
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.any([this.ctx.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
      });
    } catch (err) {
      throw new DiagnosticError([transportProblem(err, method, url, this.ctx.settings.endpoint, this.ctx.signal)]);
    }
    const text = await response.text();
    this.ctx.log.debug('management API call', { method, url, status: response.status, ms: Date.now() - started });
    const body = parseJson(text);
    if (response.ok) return body;
    throw this.failure(method, url, response, body);
  }

  private url(path: string, query: RequestOptions['query'] = {}): string {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, v);
    const qs = params.toString();
    return `${this.ctx.settings.endpoint}${path}${qs ? `?${qs}` : ''}`;
  }

  private failure(method: string, url: string, response: Response, body: any): Error {
    const code = typeof body?.error_code === 'string' ? body.error_code : `HTTP_${response.status}`;
    const message = typeof body?.error_msg === 'string' ? body.error_msg : response.statusText;
    if (response.status === 401) {
      return new DiagnosticError([errorDiag('The apigw management API refused the token',
        `${method} ${url} answered 401 ${code}: ${message}. Check the provider's token (or APIGW_TOKEN); ` +
        'create one with `npx apigw token create --tenant NAME` against the same data directory or APIGW_JWT_SECRET.')]);
    }
    const errors = Array.isArray(body?.errors) ? body.errors.filter(isFieldError) : [];
    return new ApiFailure(method, url, response.status, code, message, String(body?.request_id ?? ''), errors);
  }
}

const isFieldError = (e: unknown): e is ApiFieldError =>
  typeof e === 'object' && e !== null && typeof (e as ApiFieldError).field === 'string' && typeof (e as ApiFieldError).message === 'string';

function parseJson(text: string): any {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return { error_msg: text.slice(0, 500) };
  }
}
