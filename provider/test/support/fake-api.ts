/**
 * A stand-in for the management API that accepts everything and records what it was asked: enough
 * for protocol tests that plan without a real service, and to see which dry runs a plan makes.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded { method: string; url: string; body: any }

export interface FakeApi {
  endpoint: string;
  requests: Recorded[];
  close(): Promise<void>;
}

export async function startFakeApi(): Promise<FakeApi> {
  const requests: Recorded[] = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => { text += chunk; });
    req.on('end', () => {
      const body = text ? JSON.parse(text) : undefined;
      requests.push({ method: req.method ?? '', url: req.url ?? '', body });
      const status = req.method === 'POST' ? 201 : req.method === 'DELETE' ? 204 : 200;
      const answer = req.method === 'GET' ? { items: [], total: 0, next_page_token: null } : { id: 'fake', ...body };
      res.writeHead(status, { 'content-type': 'application/json' }).end(status === 204 ? undefined : JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
