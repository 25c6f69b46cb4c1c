/**
 * AppCode simple authentication: a static code sent as `X-Apig-AppCode: <code>` or
 * `Authorization: APPCODE <code>`. The configuration holds only SHA-256 digests of codes, so the
 * lookup hashes what the caller sent. A static credential in clear is only as safe as the channel,
 * so codes are refused over plain HTTP unless the operator allows it (for testing).
 */
import crypto from 'node:crypto';
import type { ProxyRequest } from '../../http1/types';
import type { AppIndex } from '../../auth';
import { failure, type CallContext, type Decision } from '../../pipeline/context';

const SCHEME = 'APPCODE ';
const MAX_CODE_LENGTH = 256;

const HTTPS_ONLY = failure('AUTH_INVALID', 'AppCode authentication is accepted over HTTPS only');
const UNKNOWN = failure('AUTH_INVALID', 'The AppCode is not valid');

/** The AppCode the caller sent, or undefined when it sent none. */
export function readAppCode(req: ProxyRequest): string | undefined {
  const direct = req.headers['x-apig-appcode'];
  if (typeof direct === 'string' && direct !== '') return direct.trim();
  const auth = req.headers.authorization;
  if (auth !== undefined && auth.length > SCHEME.length && auth.slice(0, SCHEME.length).toUpperCase() === SCHEME) {
    return auth.slice(SCHEME.length).trim();
  }
  return undefined;
}

export function createAppCodeCheck(apps: AppIndex, allowOverHttp: boolean): (ctx: CallContext, code: string) => Decision {
  return (ctx, code) => {
    // Refused before the lookup: over plain HTTP the answer would tell an eavesdropper the code works.
    if (!ctx.secure && !allowOverHttp) return HTTPS_ONLY;
    if (code === '' || code.length > MAX_CODE_LENGTH) return UNKNOWN;
    const app = apps.byCodeHash.get(crypto.createHash('sha256').update(code).digest('hex'));
    if (!app) return UNKNOWN;
    ctx.app = app;
    return undefined;
  };
}
