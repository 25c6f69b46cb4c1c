/**
 * Calling the gateway as a client would (node:http, because fetch may not set Host, which picks the
 * group), waiting for the proxy's live configuration to catch up, and a loopback backend that echoes
 * what reached it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxyAnswer { status: number; body: string }

export function callProxy(proxyUrl: string, host: string, path: string, headers: Record<string, string> = {}): Promise<ProxyAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${proxyUrl}${path}`, { headers: { ...headers, host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Calls until `ready` accepts the answer (the proxy polls its configuration), or gives up after `ms`. */
export async function callUntil(call: () => Promise<ProxyAnswer>, ready: (a: ProxyAnswer) => boolean, ms = 10_000): Promise<ProxyAnswer> {
  const deadline = Date.now() + ms;
  for (;;) {
    const answer = await call();
    if (ready(answer) || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface EchoBackend { url: string; close(): Promise<void> }

/** Answers every request with JSON describing it: `{method, path, headers}`. */
export async function startEchoBackend(): Promise<EchoBackend> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ method: req.method, path: req.url, headers: req.headers }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
