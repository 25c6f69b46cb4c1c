/** Request-scoped facts the routes need: request id and the authenticated principal. */
import crypto from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { RequestContext } from '../resources/hooks';
import { verifyToken } from '../security/tokens';
import { ApiError } from '../errors';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

declare module 'express-serve-static-core' {
  interface Request {
    requestId: string;
    principal?: { tenant: string; actor: string };
  }
}

/** Keeps a caller's X-Request-Id when it is sane, otherwise makes one; echoes it on the response. */
export function requestId(req: Request, res: Response, next: NextFunction): void {
  const given = req.get('x-request-id');
  req.requestId = given && REQUEST_ID.test(given) ? given : crypto.randomUUID();
  res.setHeader('X-Request-Id', req.requestId);
  next();
}

export function authenticate(jwtSecret: string) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    const principal = match ? verifyToken(jwtSecret, match[1]) : undefined;
    if (!principal) return next(new ApiError('UNAUTHENTICATED', match ? 'The token is invalid or expired' : undefined));
    req.principal = principal;
    next();
  };
}

export function contextOf(req: Request): RequestContext {
  const p = req.principal!;
  return { tenant: p.tenant, actor: p.actor, requestId: req.requestId, dryRun: req.query.dry_run === 'true' };
}
