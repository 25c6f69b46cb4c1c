/**
 * The upstream HTTP/1.1 client against real servers on 127.0.0.1: node:http backends for the
 * well-behaved cases, raw `net` servers for the misbehaving ones (exact bytes, resets, stalls).
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import { Readable } from 'node:stream';
import { makeCertificate } from '../../../test/support/certs';
import { sleep, waitFor } from '../../../test/support/wait';
import type { OutgoingHeaders } from './types';
import { UpstreamPools, type UpstreamCall, type UpstreamError, type UpstreamPoolOptions, type UpstreamRequest } from './upstream';
import { parseOrigin } from './upstream-pool';

interface Outcome {
  status: number;
  headers: OutgoingHeaders;
  body: Buffer;
  completed: boolean;
  error?: UpstreamError;
  ms: number;
}

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function pools(options: Partial<UpstreamPoolOptions> = {}): UpstreamPools {
  const p = new UpstreamPools(options);
  cleanups.push(() => p.close());
  return p;
}

function send(p: UpstreamPools, origin: string, req: Partial<UpstreamRequest> = {}): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    const out: Outcome = { status: 0, headers: {}, body: Buffer.alloc(0), completed: false, ms: 0 };
    const chunks: Buffer[] = [];
    const finish = () => {
      out.body = Buffer.concat(chunks);
      out.ms = performance.now() - started;
      resolve(out);
    };
    p.request(origin, { method: 'GET', path: '/', headers: {}, timeoutMs: 5000, ...req }, {
      onHeaders: (status, fields) => { out.status = status; out.headers = fields.headers; },
      onData: (chunk) => { chunks.push(Buffer.from(chunk)); return true; },
      onComplete: () => { out.completed = true; finish(); },
      onError: (error) => { out.error = error; finish(); },
    });
  });
}

async function listen(server: net.Server, host = '127.0.0.1'): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  return (server.address() as net.AddressInfo).port;
}

interface Backend { origin: string; connections: net.Socket[] }

async function httpBackend(handler: http.RequestListener): Promise<Backend> {
  const server = http.createServer(handler);
  const connections: net.Socket[] = [];
  server.on('connection', (socket) => connections.push(socket));
  const port = await listen(server);
  cleanups.push(() => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }));
  return { origin: `http://127.0.0.1:${port}`, connections };
}

/** A backend that answers each request head it reads with `answer` (no request bodies). */
async function rawBackend(answer: (socket: net.Socket, head: string, index: number) => void, host = '127.0.0.1'): Promise<Backend> {
  const connections: net.Socket[] = [];
  const server = net.createServer((socket) => {
    connections.push(socket);
    socket.on('error', () => undefined);
    let pending = '';
    let index = 0;
    socket.on('data', (data) => {
      pending += data.toString('latin1');
      for (let end = pending.indexOf('\r\n\r\n'); end >= 0; end = pending.indexOf('\r\n\r\n')) {
        const head = pending.slice(0, end + 4);
        pending = pending.slice(end + 4);
        answer(socket, head, index++);
      }
    });
  });
  const port = await listen(server, host);
  cleanups.push(() => new Promise((resolve) => { for (const s of connections) s.destroy(); server.close(resolve); }));
  return { origin: `http://${host.includes(':') ? `[${host}]` : host}:${port}`, connections };
}



describe('reads of plain connections into one shared buffer', () => {
  it('keep a head split across reads and the body chunks handed on intact while other connections read', async () => {
    const body = Buffer.alloc(60_000);
    for (let i = 0; i < body.length; i++) body[i] = 97 + (i % 26);
    let slowSocket: net.Socket | undefined;
    const slow = await rawBackend((socket) => {
      slowSocket = socket;
      socket.write('HTTP/1.1 203 Slowly\r\nX-Slow: yes\r\nContent-Le');
    });
    const fast = await rawBackend((socket) => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Fast: other bytes\r\n\r\nFFFFF'));
    const p = pools();
    const readFast = async () => {
      for (let i = 0; i < 3; i++) expect((await send(p, fast.origin)).body.toString()).toBe('FFFFF');
    };
    const kept: Buffer[] = []; // not copied here: the client must hand over buffers of our own
    let status = 0;
    let headers: OutgoingHeaders = {};
    const done = new Promise<void>((resolve) => {
      p.request(slow.origin, { method: 'GET', path: '/', headers: {}, timeoutMs: 5000 }, {
        onHeaders: (s, fields) => { status = s; headers = fields.headers; },
        onData: (chunk) => { kept.push(chunk); return true; },
        onComplete: () => resolve(),
        onError: () => resolve(),
      });
    });
    await waitFor(() => slowSocket !== undefined);
    await sleep(20); // the head's first piece has been read
    await readFast();
    slowSocket!.write(`ngth: ${body.length}\r\n\r\n`);
    await waitFor(() => status !== 0);
    // Each body piece is read on its own, with other connections' reads before the next one.
    for (let at = 0; at < body.length; at += 20_000) {
      const count = kept.length;
      slowSocket!.write(body.subarray(at, at + 20_000));
      await waitFor(() => kept.reduce((n, c) => n + c.length, 0) >= Math.min(at + 20_000, body.length) && kept.length > count);
      await readFast();
    }
    await done;
    expect(status).toBe(203);
    expect(headers['x-slow']).toBe('yes');
    expect(Buffer.concat(kept).equals(body)).toBe(true);
  });
});

describe('keep-alive and framing', () => {
  it('reuses one connection for sequential requests', async () => {
    const backend = await httpBackend((req, res) => res.end(`hello ${req.url}`));
    const p = pools();
    for (let i = 0; i < 5; i++) {
      const out = await send(p, backend.origin, { path: `/n/${i}?q=1` });
      expect(out).toMatchObject({ status: 200, completed: true });
      expect(out.body.toString()).toBe(`hello /n/${i}?q=1`);
    }
    expect(backend.connections).toHaveLength(1);
  });

  it('reads a chunked body written in tiny pieces, trailers dropped', async () => {
    const wire = 'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\ncontent-length: 99\r\n\r\n5\r\nhello\r\n1;x=y\r\n \r\n5\r\nworld\r\n0\r\nx-t: 1\r\n\r\n';
    const backend = await rawBackend(async (socket) => {
      for (let i = 0; i < wire.length; i += 3) {
        socket.write(wire.slice(i, i + 3), 'latin1');
        await sleep(1);
      }
    });
    const p = pools();
    const out = await send(p, backend.origin);
    expect(out).toMatchObject({ status: 200, completed: true });
    expect(out.body.toString()).toBe('hello world');
    expect(out.headers['content-length']).toBeUndefined(); // chunked overrides it; forwarding both would desync
    expect(out.headers['transfer-encoding']).toBeUndefined();
    expect((await send(p, backend.origin)).body.toString()).toBe('hello world');
    expect(backend.connections).toHaveLength(1);
  });

  it('reads a close-delimited body and does not reuse its connection', async () => {
    const backend = await rawBackend((socket) => socket.end('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\n\r\nuntil the end'));
    const p = pools();
    const first = await send(p, backend.origin);
    expect(first).toMatchObject({ status: 200, completed: true });
    expect(first.body.toString()).toBe('until the end');
    expect((await send(p, backend.origin)).completed).toBe(true);
    expect(backend.connections).toHaveLength(2);
  });

  it('expects no body after HEAD, 204 and 304, and keeps the connection', async () => {
    const backend = await rawBackend((socket, head, index) => {
      const status = ['200 OK', '204 No Content', '304 Not Modified'][index];
      socket.write(`HTTP/1.1 ${status}\r\ncontent-length: 42\r\n\r\n`);
    });
    const p = pools();
    const head = await send(p, backend.origin, { method: 'HEAD' });
    expect(head).toMatchObject({ status: 200, completed: true, headers: { 'content-length': '42' } });
    expect((await send(p, backend.origin))).toMatchObject({ status: 204, completed: true });
    const notModified = await send(p, backend.origin);
    expect(notModified).toMatchObject({ status: 304, completed: true });
    expect(notModified.body).toHaveLength(0);
    expect(backend.connections).toHaveLength(1);
  });

  it('skips 100 and 103 and answers with the final status', async () => {
    const backend = await rawBackend((socket) => socket.write(
      'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nlink: </s.css>\r\n\r\nHTTP/1.1 201 Created\r\ncontent-length: 2\r\n\r\nok'));
    const out = await send(pools(), backend.origin);
    expect(out).toMatchObject({ status: 201, completed: true, headers: { 'content-length': '2' } });
    expect(out.headers.link).toBeUndefined();
    expect(out.body.toString()).toBe('ok');
  });

  it('removes hop-by-hop fields and keeps every repeat', async () => {
    const backend = await rawBackend((socket) => socket.write([
      'HTTP/1.1 200 OK', 'Connection: keep-alive, X-Private', 'x-private: secret', 'Keep-Alive: timeout=30', 'Set-Cookie: a=1',
      'set-cookie: b=2', 'Trailer: x-t', 'Upgrade: h2c', 'Proxy-Authenticate: Basic', 'TE: trailers', 'X-Multi: 1', 'x-multi: 2',
      'Content-Length: 0', '', ''].join('\r\n')));
    const out = await send(pools(), backend.origin);
    expect(out.completed).toBe(true);
    expect(out.headers).toEqual({ 'set-cookie': ['a=1', 'b=2'], 'x-multi': ['1', '2'], 'content-length': '0' });
  });

  it('closes a connection after connection: close and after an HTTP/1.0 answer', async () => {
    const backend = await rawBackend((socket, _head, index) => socket.write(index === 0
      ? 'HTTP/1.1 200 OK\r\nconnection: close\r\ncontent-length: 1\r\n\r\na'
      : 'HTTP/1.0 200 OK\r\ncontent-length: 1\r\n\r\nb'));
    const p = pools();
    expect((await send(p, backend.origin)).body.toString()).toBe('a');
    expect((await send(p, backend.origin)).body.toString()).toBe('a');
    expect(backend.connections).toHaveLength(2);
  });
});

describe('request bodies and heads', () => {
  interface Seen { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string }
  async function echoBackend(): Promise<Backend & { seen: Seen[] }> {
    const seen: Seen[] = [];
    const backend = await httpBackend((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString() });
        res.end('done');
      });
    });
    return { ...backend, seen };
  }

  it('sends host, repeated headers and the framing each kind of body needs', async () => {
    const backend = await echoBackend();
    const p = pools();
    const port = new URL(backend.origin).port;
    await send(p, backend.origin, { method: 'GET', headers: { 'x-list': ['a', 'b'], 'content-length': '9' } });
    await send(p, backend.origin, { method: 'POST', path: '/p?x=1' });
    await send(p, backend.origin, { method: 'PUT', body: Buffer.from('buffer body') });
    await send(p, backend.origin, { method: 'POST', headers: { 'content-length': '6', host: 'api.example' }, body: Readable.from([Buffer.from('abc'), Buffer.from('def')]) });
    await send(p, backend.origin, { method: 'PATCH', body: Readable.from([Buffer.from('chunk'), Buffer.alloc(0), Buffer.from('ed body')]) });
    const [get, post, put, streamed, chunked] = backend.seen;
    expect(get).toMatchObject({ method: 'GET', body: '', headers: { host: `127.0.0.1:${port}`, 'x-list': 'a, b' } });
    expect(get.headers['content-length']).toBeUndefined();
    expect(get.headers['transfer-encoding']).toBeUndefined();
    expect(post).toMatchObject({ url: '/p?x=1', body: '', headers: { 'content-length': '0' } });
    expect(put).toMatchObject({ body: 'buffer body', headers: { 'content-length': '11' } });
    expect(streamed).toMatchObject({ body: 'abcdef', headers: { 'content-length': '6', host: 'api.example' } });
    expect(chunked).toMatchObject({ body: 'chunked body', headers: { 'transfer-encoding': 'chunked' } });
    expect(backend.connections).toHaveLength(1);
  });

  it('streams a large Readable body without losing a byte', async () => {
    const backend = await echoBackend();
    const piece = 'x'.repeat(64 * 1024);
    const body = Readable.from((function* () { for (let i = 0; i < 64; i++) yield Buffer.from(piece); })());
    const out = await send(pools(), backend.origin, { method: 'POST', body });
    expect(out.completed).toBe(true);
    expect(backend.seen[0].body.length).toBe(64 * piece.length);
  });

  it('refuses header values and targets that would split the request', () => {
    const p = pools();
    const req = (over: Partial<UpstreamRequest>) => () => p.request('http://127.0.0.1:9', { method: 'GET', path: '/', headers: {}, timeoutMs: 100, ...over }, {
      onHeaders: () => undefined, onData: () => true, onComplete: () => undefined, onError: () => undefined,
    });
    expect(req({ headers: { 'x-a': 'ok\r\nx-b: injected' } })).toThrow(TypeError);
    expect(req({ headers: { 'x-a': ['fine', 'nul\0'] } })).toThrow(/x-a/);
    expect(req({ headers: { 'bad name': 'v' } })).toThrow(TypeError);
    // Valid names are remembered after their first check; a bad one is refused every time.
    expect(req({ headers: { 'x-fine': 'v', 'bad name': 'v' } })).toThrow(/bad name/);
    expect(req({ headers: { 'x-fine': 'v', 'bad name': 'v' } })).toThrow(/bad name/);
    expect(req({ path: '/a b' })).toThrow(TypeError);
    expect(req({ method: 'GET /x' })).toThrow(TypeError);
    expect(() => p.request('ftp://h', { method: 'GET', path: '/', headers: {}, timeoutMs: 1 }, null!)).toThrow(TypeError);
  });

  it('fails with REQUEST_BODY carrying the stream error, and closes the connection', async () => {
    const backend = await echoBackend();
    const boom = new Error('body too large');
    const body = new Readable({ read() { this.push('start'); this.destroy(boom); } });
    const out = await send(pools(), backend.origin, { method: 'POST', body });
    expect(out.error?.kind).toBe('REQUEST_BODY');
    expect(out.error?.cause).toBe(boom);
    await waitFor(() => backend.connections[0].destroyed);
    expect(backend.connections[0].destroyed).toBe(true);
  });

  it('fails with REQUEST_BODY when a stream does not match its content-length', async () => {
    const backend = await echoBackend();
    const p = pools();
    const short = await send(p, backend.origin, { method: 'POST', headers: { 'content-length': '10' }, body: Readable.from([Buffer.from('abc')]) });
    expect(short.error?.kind).toBe('REQUEST_BODY');
    const long = await send(p, backend.origin, { method: 'POST', headers: { 'content-length': '2' }, body: Readable.from([Buffer.from('abc')]) });
    expect(long.error?.kind).toBe('REQUEST_BODY');
  });
});

describe('failures', () => {
  it('reports TIMEOUT when the head does not come in time', async () => {
    const backend = await rawBackend(() => undefined);
    const out = await send(pools(), backend.origin, { timeoutMs: 150 });
    expect(out.error?.kind).toBe('TIMEOUT');
    expect(out.ms).toBeGreaterThanOrEqual(140);
    expect(out.ms).toBeLessThan(1000);
    await waitFor(() => backend.connections[0].destroyed);
    expect(backend.connections[0].destroyed).toBe(true);
  });

  it('reports TIMEOUT when the body stalls', async () => {
    const backend = await rawBackend((socket) => socket.write('HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nabc'));
    const out = await send(pools(), backend.origin, { timeoutMs: 150 });
    expect(out).toMatchObject({ status: 200, completed: false });
    expect(out.body.toString()).toBe('abc');
    expect(out.error?.kind).toBe('TIMEOUT');
    expect(out.ms).toBeLessThan(1000);
  });

  it('reports CONNECT when the port is closed', async () => {
    const server = net.createServer();
    const port = await listen(server);
    await new Promise((resolve) => server.close(resolve));
    const out = await send(pools(), `http://127.0.0.1:${port}`);
    expect(out.error?.kind).toBe('CONNECT');
    expect((out.error?.cause as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
  });

  it('reports CONNECT when the TLS handshake does not finish within connectTimeoutMs', async () => {
    const silent = await rawBackend(() => undefined); // accepts TCP, never answers the ClientHello
    const origin = silent.origin.replace('http:', 'https:');
    const out = await send(pools({ connectTimeoutMs: 150 }), origin, { timeoutMs: 5000 });
    expect(out.error?.kind).toBe('CONNECT');
    expect(out.ms).toBeGreaterThanOrEqual(140);
    expect(out.ms).toBeLessThan(1000);
  });

  it('reports BROKEN when the backend resets mid-body', async () => {
    const backend = await rawBackend((socket) => {
      socket.write('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\npartial', () => setTimeout(() => socket.resetAndDestroy(), 10));
    });
    const out = await send(pools(), backend.origin);
    expect(out).toMatchObject({ status: 200, completed: false });
    expect(out.error?.kind).toBe('BROKEN');
  });

  it.each([
    ['a malformed status line', 'HTTP/1.1 2OO OK\r\ncontent-length: 0\r\n\r\n'],
    ['an unknown version', 'HTTP/2.0 200 OK\r\ncontent-length: 0\r\n\r\n'],
    ['conflicting content-lengths', 'HTTP/1.1 200 OK\r\ncontent-length: 1\r\ncontent-length: 2\r\n\r\nab'],
    ['a non-numeric content-length', 'HTTP/1.1 200 OK\r\ncontent-length: -1\r\n\r\n'],
    ['a broken chunk', 'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n'],
    ['an unsupported transfer coding', 'HTTP/1.1 200 OK\r\ntransfer-encoding: gzip\r\n\r\n'],
    ['101 Switching Protocols', 'HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\n\r\n'],
    ['an obs-folded header', 'HTTP/1.1 200 OK\r\nx-a: 1\r\n  2\r\ncontent-length: 0\r\n\r\n'],
    ['a body cut short', 'HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nab'],
  ])('reports BROKEN for %s', async (_name, wire) => {
    const backend = await rawBackend((socket) => socket.end(wire, 'latin1'));
    const out = await send(pools(), backend.origin);
    expect(out.completed).toBe(false);
    expect(out.error?.kind).toBe('BROKEN');
  });

  it('reports BROKEN for a head larger than maxHeadBytes', async () => {
    const backend = await rawBackend((socket) => socket.write(`HTTP/1.1 200 OK\r\nx-big: ${'a'.repeat(3000)}\r\ncontent-length: 0\r\n\r\n`));
    const p = pools({ maxHeadBytes: 2048 });
    expect((await send(p, backend.origin)).error?.kind).toBe('BROKEN');
    const slow = await rawBackend(async (socket) => {
      for (let i = 0; i < 30; i++) { socket.write(`x-${i}: ${'b'.repeat(100)}\r\n`.replace(/^/, i === 0 ? 'HTTP/1.1 200 OK\r\n' : '')); await sleep(1); }
    });
    expect((await send(p, slow.origin)).error?.kind).toBe('BROKEN');
  });
});

describe('connection management', () => {
  it('retries once on a fresh connection when a reused one turns out stale', async () => {
    // The race a keep-alive client cannot avoid: the backend drops an idle connection as the next request arrives.
    const backend = await rawBackend((socket, _head, index) => {
      if (index === 0) socket.write('HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nfirst');
      else socket.destroy();
    });
    const p = pools({ maxConnectionsPerOrigin: 1 }); // the retry must not wait for the stale connection's slot
    expect((await send(p, backend.origin)).body.toString()).toBe('first');
    const second = await send(p, backend.origin, { method: 'POST', body: Buffer.from('replayable') });
    expect(second).toMatchObject({ status: 200, completed: true });
    expect(second.body.toString()).toBe('first');
    expect(backend.connections).toHaveLength(2);
  });

  it('does not retry a stream body or a fresh connection', async () => {
    const backend = await rawBackend((socket, _head, index) => {
      if (index === 0) socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok');
      else socket.destroy();
    });
    const p = pools();
    await send(p, backend.origin);
    const streamed = await send(p, backend.origin, { method: 'POST', body: Readable.from([Buffer.from('once')]) });
    expect(streamed.error?.kind).toBe('BROKEN');
    const dropAll = await rawBackend((socket) => socket.destroy());
    expect((await send(p, dropAll.origin)).error?.kind).toBe('BROKEN');
    expect(dropAll.connections).toHaveLength(1);
  });

  it('drops idle connections the backend closes, without failing the next request', async () => {
    const backend = await httpBackend((_req, res) => res.end('ok'));
    const p = pools();
    await send(p, backend.origin);
    backend.connections[0].destroy();
    await sleep(30);
    const out = await send(p, backend.origin);
    expect(out).toMatchObject({ status: 200, completed: true });
    expect(backend.connections).toHaveLength(2);
  });

  it('closes idle connections after idleTimeoutMs, sooner when the backend hints a shorter keep-alive', async () => {
    const plain = await httpBackend((_req, res) => res.end('ok'));
    const hinted = await rawBackend((socket) => socket.write('HTTP/1.1 200 OK\r\nkeep-alive: timeout=1\r\ncontent-length: 0\r\n\r\n'));
    const p = pools({ idleTimeoutMs: 300 });
    await send(p, plain.origin);
    await send(p, hinted.origin);
    const closedAt = (socket: net.Socket) => new Promise<number>((resolve) => socket.once('close', () => resolve(performance.now())));
    const started = performance.now();
    const [plainMs] = await Promise.all([closedAt(plain.connections[0]), closedAt(hinted.connections[0])]);
    expect(plainMs - started).toBeGreaterThan(250);
    expect(plainMs - started).toBeLessThan(1000);
    const p2 = pools({ idleTimeoutMs: 30_000 });
    await send(p2, hinted.origin);
    const hintStarted = performance.now();
    const hintMs = await closedAt(hinted.connections[1]);
    expect(hintMs - hintStarted).toBeGreaterThan(400);
    expect(hintMs - hintStarted).toBeLessThan(950); // timeout=1 s, cut short
  });

  it('never opens more than maxConnectionsPerOrigin and queues the rest', async () => {
    let open = 0;
    let peak = 0;
    const backend = await httpBackend((_req, res) => setTimeout(() => res.end('ok'), 40));
    const server = backend.connections; // filled as connections arrive
    const p = pools({ maxConnectionsPerOrigin: 2 });
    const watch = setInterval(() => {
      open = server.filter((s) => !s.destroyed).length;
      peak = Math.max(peak, open);
    }, 2);
    const outs = await Promise.all(Array.from({ length: 5 }, () => send(p, backend.origin)));
    clearInterval(watch);
    expect(outs.every((o) => o.completed && o.body.toString() === 'ok')).toBe(true);
    expect(server).toHaveLength(2);
    expect(peak).toBeLessThanOrEqual(2);
  });

  it('fails queued calls with TIMEOUT when no connection frees up in time', async () => {
    const backend = await rawBackend(() => undefined);
    const p = pools({ maxConnectionsPerOrigin: 1 });
    const [first, queued] = await Promise.all([send(p, backend.origin, { timeoutMs: 300 }), send(p, backend.origin, { timeoutMs: 100 })]);
    expect(queued.error?.kind).toBe('TIMEOUT');
    expect(queued.ms).toBeLessThan(250);
    expect(first.error?.kind).toBe('TIMEOUT');
  });

  it('abort() closes the connection and silences the handler', async () => {
    const backend = await rawBackend((socket) => socket.write('HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nabc'));
    const p = pools();
    const events: string[] = [];
    let call: UpstreamCall | undefined = undefined;
    call = p.request(backend.origin, { method: 'GET', path: '/', headers: {}, timeoutMs: 100 }, {
      onHeaders: (status) => events.push(`head ${status}`),
      onData: () => { events.push('data'); call!.abort(); return true; },
      onComplete: () => events.push('complete'),
      onError: () => events.push('error'),
    });
    await sleep(250); // past timeoutMs: a live call would have timed out
    expect(events).toEqual(['head 200', 'data']);
    expect(backend.connections[0].destroyed).toBe(true);
  });

  it('abort() of a queued call removes it without a callback', async () => {
    const backend = await httpBackend((_req, res) => setTimeout(() => res.end('ok'), 30));
    const p = pools({ maxConnectionsPerOrigin: 1 });
    const first = send(p, backend.origin);
    const events: string[] = [];
    const queued = p.request(backend.origin, { method: 'GET', path: '/', headers: {}, timeoutMs: 1000 }, {
      onHeaders: () => events.push('head'), onData: () => true, onComplete: () => events.push('complete'), onError: () => events.push('error'),
    });
    queued.abort();
    expect((await first).completed).toBe(true);
    expect((await send(p, backend.origin)).completed).toBe(true);
    expect(events).toEqual([]);
  });

  it('stops reading while onData returns false, and resumes on resume()', async () => {
    const total = 16 * 1024 * 1024;
    let serverDone = false;
    const backend = await httpBackend((_req, res) => {
      res.writeHead(200, { 'content-length': String(total) });
      const piece = Buffer.alloc(256 * 1024, 7);
      let sent = 0;
      const pump = () => {
        while (sent < total) {
          sent += piece.length;
          if (!res.write(piece)) return void res.once('drain', pump);
        }
        res.end(() => { serverDone = true; });
      };
      pump();
    });
    const p = pools();
    let received = 0;
    let calls = 0;
    let complete = false;
    const call = p.request(backend.origin, { method: 'GET', path: '/', headers: {}, timeoutMs: 100 }, {
      onHeaders: () => undefined,
      onData: (chunk) => { received += chunk.length; calls++; return calls > 1; },
      onComplete: () => { complete = true; },
      onError: (e) => { throw e; },
    });
    await sleep(300); // longer than timeoutMs: a paused read is not a stalled backend
    expect(calls).toBe(1);
    expect(received).toBeLessThan(total);
    expect(serverDone).toBe(false);
    call.resume();
    await waitFor(() => complete);
    expect(complete).toBe(true);
    expect(received).toBe(total);
  });

  it('close() fails running and waiting calls with BROKEN', async () => {
    const backend = await rawBackend(() => undefined);
    const p = new UpstreamPools({ maxConnectionsPerOrigin: 1 });
    const outs = Promise.all([send(p, backend.origin), send(p, backend.origin)]);
    await sleep(30);
    await p.close();
    expect((await outs).map((o) => o.error?.kind)).toEqual(['BROKEN', 'BROKEN']);
    expect((await send(p, backend.origin)).error?.kind).toBe('BROKEN');
  });
});

describe('origins', () => {
  it('speaks HTTPS, verifying the certificate against the given CA', async () => {
    const cert = makeCertificate('localhost', ['localhost']);
    const server = https.createServer({ cert: cert.certificatePem, key: cert.privateKeyPem }, (req, res) => res.end(`tls ${req.headers.host}`));
    const port = await listen(server, 'localhost');
    cleanups.push(() => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }));
    const origin = `https://localhost:${port}`;
    const trusted = await send(pools({ tls: { ca: cert.certificatePem } }), origin);
    expect(trusted).toMatchObject({ status: 200, completed: true });
    expect(trusted.body.toString()).toBe(`tls localhost:${port}`);
    const untrusted = await send(pools(), origin);
    expect(untrusted.error?.kind).toBe('CONNECT');
  });

  it('sends the origin as Host, default ports left out and IPv6 brackets kept', async () => {
    const backend = await rawBackend((socket, head) => {
      const host = /\r\nhost: ([^\r]*)/.exec(head)![1];
      socket.write(`HTTP/1.1 200 OK\r\ncontent-length: ${host.length}\r\n\r\n${host}`);
    });
    const port = new URL(backend.origin).port;
    expect((await send(pools(), backend.origin)).body.toString()).toBe(`127.0.0.1:${port}`);
    expect(parseOrigin('http://a.example:80')).toEqual({ secure: false, host: 'a.example', port: 80, hostHeader: 'a.example' });
    expect(parseOrigin('https://a.example')).toEqual({ secure: true, host: 'a.example', port: 443, hostHeader: 'a.example' });
    expect(parseOrigin('https://[::1]:8443')).toEqual({ secure: true, host: '::1', port: 8443, hostHeader: '[::1]:8443' });
  });

  const ipv6 = Object.values(os.networkInterfaces()).some((list) => list?.some((i) => i.address === '::1'));
  (ipv6 ? it : it.skip)('reaches an IPv6 literal origin, brackets kept in Host', async () => {
    const backend = await rawBackend((socket, head) => {
      const host = /\r\nhost: ([^\r]*)/.exec(head)![1];
      socket.write(`HTTP/1.1 200 OK\r\ncontent-length: ${host.length}\r\n\r\n${host}`);
    }, '::1');
    const port = new URL(backend.origin).port;
    const out = await send(pools(), backend.origin);
    expect(out.body.toString()).toBe(`[::1]:${port}`);
  });
});
