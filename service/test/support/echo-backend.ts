/**
 * A real HTTP backend on loopback that echoes what it received (method, path, query, headers, body)
 * as JSON. Tests can make it slow, fail, or answer with a given status.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  url: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface EchoBackend {
  url: string;
  port: number;
  received: Received[];
  /** Delay before answering, ms. */
  delayMs: number;
  /** Status to answer with. */
  status: number;
  /** Extra response headers. */
  headers: Record<string, string>;
  close(): Promise<void>;
}

export async function startEchoBackend(name = 'echo'): Promise<EchoBackend> {
  const backend = { received: [] as Received[], delayMs: 0, status: 200, headers: {} as Record<string, string> } as EchoBackend;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const received: Received = {
        method: req.method ?? '', url: req.url ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams),
        headers: req.headers, body: Buffer.concat(chunks).toString('utf8'),
      };
      backend.received.push(received);
      const answer = () => {
        if (res.destroyed) return;
        res.writeHead(backend.status, { 'content-type': 'application/json', 'x-backend': name, ...backend.headers });
        res.end(JSON.stringify({ backend: name, ...received }));
      };
      if (backend.delayMs) setTimeout(answer, backend.delayMs); else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  backend.port = (server.address() as AddressInfo).port;
  backend.url = `http://127.0.0.1:${backend.port}`;
  backend.close = () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
  return backend;
}
