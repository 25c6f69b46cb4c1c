/** Types of verifier.js, for backends written in TypeScript. */
import type { IncomingHttpHeaders } from 'node:http';

export interface VerifiableRequest {
  method?: string;
  url?: string;
  headers: IncomingHttpHeaders;
}

export type VerifyResult = { ok: true; key: string; signedHeaders: string[] } | { ok: false; reason: string };

export interface VerifierOptions {
  secrets: Record<string, string> | ((key: string) => string | undefined);
  maxSkewMs?: number;
  rejectReplays?: boolean;
  requiredHeaders?: string[];
}

export function createVerifier(options: VerifierOptions): (req: VerifiableRequest, now?: number) => VerifyResult;
export function verifyBasic(req: VerifiableRequest, key: string, secret: string): boolean;
export function stringToSign(req: VerifiableRequest, signedHeaders: string[]): string;
export function canonicalQuery(raw: string): string;
