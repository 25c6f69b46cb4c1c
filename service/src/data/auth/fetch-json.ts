/**
 * A bounded HTTP call for the authentication helpers (JWKS documents, external authorizers): one
 * deadline covers connect, headers and body, and the body is read up to a size limit, so a slow or
 * oversized answer cannot hold a proxy request or its memory.
 */
import { request } from 'undici';

export interface FetchOptions {
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  maxBytes: number;
}

export interface FetchResult {
  status: number;
  /** The parsed JSON body, or undefined when the body is empty, not JSON or too large. */
  json: unknown;
}

export class FetchTimeout extends Error {}

async function readLimited(body: AsyncIterable<Buffer>, maxBytes: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function fetchJson(url: string, options: FetchOptions): Promise<FetchResult> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const res = await request(url, { method: options.method, headers: options.headers, body: options.body, signal });
    const text = await readLimited(res.body, options.maxBytes);
    if (text === undefined) res.body.destroy();
    let json: unknown;
    try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
    return { status: res.statusCode, json };
  } catch (error) {
    if (signal.aborted) throw new FetchTimeout(`no answer within ${options.timeoutMs} ms`);
    throw error;
  }
}
