/** Management tokens: HS256 JWTs naming the tenant (`tenant`) and the actor (`sub`). */
import jwt from 'jsonwebtoken';

export const TENANT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export interface Principal {
  tenant: string;
  actor: string;
}

export interface TokenOptions {
  tenant: string;
  actor?: string;
  /** Lifetime, e.g. `30d`, `12h`, or seconds. */
  expiresIn?: string | number;
}

export function createToken(secret: string, options: TokenOptions): string {
  if (!TENANT_PATTERN.test(options.tenant)) {
    throw new Error('tenant must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit');
  }
  return jwt.sign({ tenant: options.tenant }, secret, {
    algorithm: 'HS256',
    subject: options.actor ?? `${options.tenant}-admin`,
    expiresIn: (options.expiresIn ?? '30d') as jwt.SignOptions['expiresIn'],
  });
}

/** Returns the principal, or undefined for any bad token (signature, expiry, `alg: none`, shape). */
export function verifyToken(secret: string, token: string): Principal | undefined {
  try {
    const claims = jwt.verify(token, secret, { algorithms: ['HS256'] });
    if (typeof claims !== 'object' || typeof claims.tenant !== 'string' || !TENANT_PATTERN.test(claims.tenant)) return undefined;
    return { tenant: claims.tenant, actor: typeof claims.sub === 'string' ? claims.sub : claims.tenant };
  } catch {
    return undefined;
  }
}
