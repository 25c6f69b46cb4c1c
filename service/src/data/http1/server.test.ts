/**
 * The data plane's HTTP/1.1 server over real loopback sockets: node's http client for the ordinary
 * cases, raw sockets wherever the exact bytes matter (pipelining, framing, malformed requests,
 * bodies split mid-line, timeouts).
 */
import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { makeCertificate } from '../../../test/support/certs';
import { sleep, waitFor } from '../../../test/support/wait';
import { BodyTooLarge, createHttp1Server, createHttps1Server, type Http1Options, type Http1Server } from './server';
import { readResponseFields, type FramingFields, type ResponseFields } from './response-fields';
import type { ProxyHandler, ProxyRequest, ProxyResponse } from './types';

const servers: Http1Server[] = [];
const sockets: net.Socket[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => {
    s.close(resolve);
    s.closeAllConnections();
  })));
});

async function listen(server: Http1Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

const start = (handler: ProxyHandler, options: Partial<Http1Options> = {}) => listen(createHttp1Server(handler, options));

function ok(res: ProxyResponse, body = 'ok\n', extra: Record<string, string> = {}): void {
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(Buffer.byteLength(body)), ...extra });
  res.end(body);
}

async function readAll(body: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of body) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

/** A raw client connection that records everything it receives. */
class Raw {
  readonly socket: net.Socket;
  received = '';
  closed = false;
  private waiters: (() => void)[] = [];

  constructor(port: number) {
    this.socket = net.connect(port, '127.0.0.1');
    sockets.push(this.socket);
    this.socket.setEncoding('latin1');
    this.socket.on('data', (d: string) => { this.received += d; this.wake(); });
    this.socket.on('close', () => { this.closed = true; this.wake(); });
    this.socket.on('error', () => undefined);
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  send(data: string): this {
    this.socket.write(Buffer.from(data, 'latin1'));
    return this;
  }

  /** Sends `data` in pieces of `size` bytes, each in its own TCP write. */
  async trickle(data: string, size: number): Promise<void> {
    for (let i = 0; i < data.length; i += size) {
      this.socket.write(Buffer.from(data.slice(i, i + size), 'latin1'));
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Resolves once `test` holds for what was received (or the connection closed). */
  async until(test: (received: string) => boolean): Promise<string> {
    while (!test(this.received) && !this.closed) await new Promise<void>((resolve) => this.waiters.push(resolve));
    return this.received;
  }

  untilClosed(): Promise<string> {
    return this.until(() => false);
  }

  /** How many complete responses (head + content-length body) arrived. */
  count(status = 'HTTP/1.1 '): number {
    return this.received.split(status).length - 1;
  }
}

function get(port: number, path = '/', options: http.RequestOptions = {}): Promise<{ res: http.IncomingMessage; body: string }> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path, ...options }, (res) => {
      let body = '';
      res.setEncoding('latin1');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ res, body }));
    }).on('error', reject);
  });
}

describe('requests and answers', () => {
  it('serves a GET to node\'s http client with the request fields filled in', async () => {
    let seen: ProxyRequest | undefined;
    const port = await start((req, res) => { seen = req; ok(res, 'hello'); });
    const { res, body } = await get(port, '/a/b?x=1', { headers: { 'X-Thing': 'v' } });
    expect(res.statusCode).toBe(200);
    expect(body).toBe('hello');
    expect(res.headers['content-length']).toBe('5');
    expect(res.headers.date).toMatch(/GMT$/);
    expect(seen).toMatchObject({ method: 'GET', url: '/a/b?x=1', httpVersion: '1.1', remoteAddress: '127.0.0.1', encrypted: false, body: undefined });
    expect(seen!.headers).toMatchObject({ host: `127.0.0.1:${port}`, 'x-thing': 'v' });
    expect(seen!.headerBytes).toBeGreaterThan(20);
  });

  it('keeps a connection alive across three sequential requests', async () => {
    let opened = 0;
    let closed = 0;
    const port = await start((req, res) => ok(res, req.url), { onConnectionOpen: () => opened++, onConnectionClose: () => closed++ });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const bodies: string[] = [];
    for (const path of ['/1', '/2', '/3']) bodies.push((await get(port, path, { agent })).body);
    expect(closed).toBe(0);
    agent.destroy();
    expect(bodies).toEqual(['/1', '/2', '/3']);
    expect(opened).toBe(1);
    await waitFor(() => closed !== 0);
    expect(closed).toBe(1);
  });

  it('answers pipelined requests strictly in order, one at a time', async () => {
    const calls: string[] = [];
    const port = await start((req, res) => {
      calls.push(req.url);
      // The first answer is the slowest: order must still hold, and /2 must not start before /1 ended.
      setTimeout(() => ok(res, req.url), req.url === '/1' ? 40 : 0);
    });
    const raw = new Raw(port).send('GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\nGET /3 HTTP/1.1\r\nHost: a\r\n\r\n');
    await raw.until(() => raw.count() === 3);
    const bodies = raw.received.split('\r\n\r\n').slice(1).map((s) => s.slice(0, 2));
    expect(bodies).toEqual(['/1', '/2', '/3']);
    expect(calls).toEqual(['/1', '/2', '/3']);
  });

  it('stops reading pipelined requests beyond maxHeadBytes while one is in flight', async () => {
    let serverSocket: net.Socket | undefined;
    let release!: () => void;
    const port = await start((req, res) => {
      if (req.url === '/hold') release = () => ok(res);
      else ok(res);
    }, { maxHeadBytes: 4096 });
    servers[0].on('connection', (s: net.Socket) => (serverSocket = s));
    const raw = new Raw(port).send('GET /hold HTTP/1.1\r\nHost: a\r\n\r\n');
    const flood = 'GET / HTTP/1.1\r\nHost: a\r\n\r\n'.repeat(40_000); // about 1 MiB
    raw.send(flood);
    await sleep(100);
    // What the server took is bounded (one more socket read at most), however much the client sent.
    expect(serverSocket!.bytesRead).toBeLessThan(4096 + 2 * 65536);
    release();
    await raw.until(() => raw.count() >= 1000);
    expect(raw.received.startsWith('HTTP/1.1 200 OK')).toBe(true);
  });

  it('ignores empty lines before a request line', async () => {
    const port = await start((req, res) => ok(res, req.url));
    const raw = new Raw(port).send('\r\n\r\nGET /x HTTP/1.1\r\nHost: a\r\n\r\n');
    expect(await raw.until((r) => r.endsWith('/x'))).toMatch(/^HTTP\/1.1 200 OK/);
  });

  it('reduces an absolute-form target to origin-form, its authority becoming Host', async () => {
    const seen: ProxyRequest[] = [];
    const port = await start((req, res) => { seen.push(req); ok(res); });
    const raw = new Raw(port).send('GET http://Example.com:8080/p?q=1 HTTP/1.1\r\nHost: other\r\n\r\nGET https://b.example?z HTTP/1.1\r\nHost: b\r\n\r\n');
    await raw.until(() => raw.count() === 2);
    expect(seen.map((r) => [r.url, r.headers.host])).toEqual([['/p?q=1', 'Example.com:8080'], ['/?z', 'b.example']]);
  });

  it('calls onFinish once the answer was written, and ignores writes after end()', async () => {
    let finished = 0;
    let late: boolean | undefined;
    const port = await start((_req, res) => {
      res.onFinish = () => { finished++; late = res.write(Buffer.from('late')); };
      ok(res);
    });
    const { body } = await get(port);
    expect(body).toBe('ok\n');
    expect(finished).toBe(1);
    expect(late).toBe(false);
  });

  it('calls onFinish once when the body went out in write() and end() has nothing left to send', async () => {
    let finished = 0;
    let written: boolean | undefined;
    const port = await start((_req, res) => {
      res.onFinish = () => { finished++; };
      res.writeHead(200, { 'content-length': '5' });
      written = res.write(Buffer.from('hello'));
      res.end();
    });
    const first = await get(port);
    const second = await get(port);
    expect([first.body, second.body, written, finished]).toEqual(['hello', 'hello', true, 2]);
  });
});

describe('request bodies', () => {
  const echo: ProxyHandler = (req, res) => {
    readAll(req.body!).then((b) => ok(res, `${b.length}:${b.toString('latin1')}`), () => ok(res, 'error'));
  };

  it('reads a Content-Length body', async () => {
    const port = await start(echo);
    const body = await new Promise<string>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', headers: { 'content-length': '11' } }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.end('hello world');
    });
    expect(body).toBe('11:hello world');
  });

  it('decodes a chunked body split into tiny writes, inside size lines and CRLFs', async () => {
    const port = await start(echo);
    const raw = new Raw(port);
    raw.send('POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n');
    await raw.trickle('5\r\nhello\r\n1;ext=1\r\n \r\nA\r\n0123456789\r\n0\r\nTrailer: t\r\n\r\n', 2);
    expect(await raw.until((r) => r.endsWith('6789'))).toContain('\r\n\r\n16:hello 0123456789');
  });

  it('sends 100 Continue when the body is first read, then reads the body', async () => {
    const port = await start((req, res) => setTimeout(() => echo(req, res), 20));
    const raw = new Raw(port).send('POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n');
    await raw.until((r) => r.includes('\r\n\r\n'));
    expect(raw.received).toBe('HTTP/1.1 100 Continue\r\n\r\n');
    raw.send('abcd');
    expect(await raw.until((r) => r.endsWith('4:abcd'))).toMatch(/^HTTP\/1.1 100 Continue\r\n\r\nHTTP\/1.1 200 OK/);
  });

  it('answers without 100 Continue and closes when the handler never reads the body', async () => {
    const port = await start((_req, res) => ok(res));
    const raw = new Raw(port).send('POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n');
    const received = await raw.untilClosed();
    expect(received).toMatch(/^HTTP\/1.1 200 OK\r\n/);
    expect(received).toContain('connection: close');
    expect(received).not.toContain('100 Continue');
  });

  it('errors req.body with BodyTooLarge when a chunked body exceeds maxBodyBytes', async () => {
    let error: unknown;
    const port = await start((req, res) => {
      readAll(req.body!).catch((e) => {
        error = e;
        res.writeHead(413, { 'content-length': '0' });
        res.end();
      });
    }, { maxBodyBytes: 10 });
    const raw = new Raw(port).send('POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n8\r\n12345678\r\n');
    const received = await raw.untilClosed();
    expect(error).toBeInstanceOf(BodyTooLarge);
    expect(received).toMatch(/^HTTP\/1.1 413 Payload Too Large\r\n/);
    expect(received).toContain('connection: close');
  });

  it('errors req.body and closes on malformed chunked framing', async () => {
    let error: unknown;
    const port = await start((req, res) => {
      readAll(req.body!).catch((e) => { error = e; res.writeHead(400, { 'content-length': '0' }); res.end(); });
    });
    const raw = new Raw(port).send('POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n');
    expect(await raw.untilClosed()).toMatch(/^HTTP\/1.1 400/);
    expect((error as Error).name).toBe('Error');
    expect((error as Error).message).toMatch(/chunk/);
  });

  it('drops a small unread body and serves the next request on the same connection', async () => {
    let opened = 0;
    const port = await start((req, res) => ok(res, req.method), { onConnectionOpen: () => opened++ });
    const raw = new Raw(port).send(`POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2000\r\n\r\n${'x'.repeat(1000)}`);
    await raw.until(() => raw.count() === 1);
    raw.send(`${'x'.repeat(1000)}POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n`);
    await raw.until(() => raw.count() === 2);
    raw.send('0\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n');
    await raw.until((r) => r.endsWith('GET'));
    expect(raw.received.split('\r\n\r\n').slice(1).map((s) => s.slice(0, 4))).toEqual(['POST', 'POST', 'GET']);
    expect(raw.closed).toBe(false);
    expect(opened).toBe(1);
  });

  it('closes instead of dropping an unread body too large to drain', async () => {
    const port = await start((_req, res) => ok(res));
    const raw = new Raw(port).send('POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1000000\r\n\r\nabc');
    const received = await raw.untilClosed();
    expect(received).toMatch(/^HTTP\/1.1 200 OK\r\n/);
    expect(received).toContain('connection: close');
  });

  it('stops reading the socket while req.body is full, and resumes when it is read', async () => {
    let body: Readable | undefined;
    const port = await start((req, res) => {
      body = req.body;
      // Reads nothing for 150 ms, then everything.
      setTimeout(() => readAll(req.body!).then((b) => ok(res, String(b.length))), 150);
    });
    const total = 16 * 1024 * 1024; // more than loopback socket buffers hold
    const raw = new Raw(port).send(`POST / HTTP/1.1\r\nHost: a\r\nContent-Length: ${total}\r\n\r\n`);
    raw.socket.write(Buffer.alloc(total, 'y'));
    await sleep(100);
    // The server stopped taking bytes: its body buffer stays small and the rest waits in the client.
    expect(body!.readableLength).toBeLessThan(1024 * 1024);
    expect(raw.socket.writableLength).toBeGreaterThan(0);
    expect(await raw.until((r) => r.endsWith(String(total)))).toMatch(/^HTTP\/1.1 200 OK/);
  });
});

describe('answers', () => {
  it('frames an answer without content-length as chunked on HTTP/1.1', async () => {
    const port = await start((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write(Buffer.from('hello'));
      res.write(Buffer.from(', '));
      res.end('world');
    });
    const raw = new Raw(port).send('GET / HTTP/1.1\r\nHost: a\r\n\r\n');
    const received = await raw.until((r) => r.endsWith('0\r\n\r\n'));
    expect(received).toContain('transfer-encoding: chunked\r\n');
    expect(received.slice(received.indexOf('\r\n\r\n') + 4)).toBe('5\r\nhello\r\n2\r\n, \r\n5\r\nworld\r\n0\r\n\r\n');
    expect((await get(port)).body).toBe('hello, world');
  });

  it('frames large and non-ASCII chunks (written without copying) the same way', async () => {
    const big = Buffer.alloc(20_000, 'b');
    const port = await start((req, res) => {
      res.writeHead(200, req.url === '/length' ? { 'content-length': String(20_000 + 3) } : {});
      res.write(big);
      res.end('\u00e9h'); // 3 bytes in UTF-8
    });
    const raw = new Raw(port).send('GET / HTTP/1.1\r\nHost: a\r\n\r\n');
    const received = await raw.until((r) => r.endsWith('0\r\n\r\n'));
    expect(received.slice(received.indexOf('\r\n\r\n') + 4)).toBe(`4e20\r\n${'b'.repeat(20_000)}\r\n3\r\n\u00c3\u00a9h\r\n0\r\n\r\n`);
    const viaClient = await get(port, '/length');
    expect(Buffer.from(viaClient.body, 'latin1').toString('utf8')).toBe(`${'b'.repeat(20_000)}\u00e9h`);
  });

  it('sends no body for HEAD (content-length kept) and none for 204, and the connection stays usable', async () => {
    const port = await start((req, res) => {
      if (req.url === '/204') {
        res.writeHead(204, {});
        res.end('ignored');
      } else ok(res, 'abc');
    });
    const raw = new Raw(port).send('HEAD / HTTP/1.1\r\nHost: a\r\n\r\nGET /204 HTTP/1.1\r\nHost: a\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n');
    const received = await raw.until((r) => r.endsWith('abc'));
    const [head, noContent, get3] = received.split('HTTP/1.1 ').slice(1);
    expect(head).toMatch(/^200 OK\r\n[^]*content-length: 3\r\n[^]*\r\n\r\n$/);
    expect(noContent).toMatch(/^204 No Content\r\n/);
    expect(noContent).not.toMatch(/content-length|transfer-encoding|ignored/);
    expect(get3.endsWith('\r\n\r\nabc')).toBe(true);
  });

  it('forwards a backend\'s fields verbatim, framed by its length; the handler\'s same-named fields replace them', async () => {
    const wire = 'HTTP/1.1 200 OK\r\nServer: up\r\nX-Request-Id: theirs\r\nDate: Mon, 23 Nov 2026 00:03:36 GMT\r\nContent-Length: 3\r\nConnection: keep-alive\r\n\r\n';
    const backend = readResponseFields(wire, 17, wire.length - 2, {} as FramingFields) as ResponseFields;
    const unframed = readResponseFields('HTTP/1.1 200 OK\r\nServer: up\r\n\r\n', 17, 29, {} as FramingFields) as ResponseFields;
    const port = await start((req, res) => {
      if (req.url === '/unframed') res.writeHead(200, {}, unframed);
      else res.writeHead(200, { 'x-request-id': 'ours' }, backend);
      res.end('abc');
    });
    const raw = new Raw(port).send('GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /unframed HTTP/1.1\r\nHost: a\r\n\r\n');
    const received = await raw.until((r) => r.endsWith('0\r\n\r\n'));
    const [framed, chunked] = received.split('HTTP/1.1 ').slice(1);
    expect(framed).toBe('200 OK\r\nServer: up\r\nDate: Mon, 23 Nov 2026 00:03:36 GMT\r\ncontent-length: 3\r\nx-request-id: ours\r\n\r\nabc');
    expect(chunked).toMatch(/^200 OK\r\nServer: up\r\ntransfer-encoding: chunked\r\ndate: [^\r]+ GMT\r\n\r\n3\r\nabc\r\n0\r\n\r\n$/);
  });

  it('HTTP/1.0 without keep-alive: connection: close, and a close-delimited body', async () => {
    const port = await start((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write(Buffer.from('part1,'));
      res.end('part2');
    });
    const raw = new Raw(port).send('GET / HTTP/1.0\r\n\r\n');
    const received = await raw.untilClosed();
    expect(received).toMatch(/^HTTP\/1.1 200 OK\r\n/);
    expect(received).toContain('connection: close\r\n');
    expect(received).not.toContain('transfer-encoding');
    expect(received.endsWith('\r\n\r\npart1,part2')).toBe(true);
  });

  it('HTTP/1.0 with Connection: keep-alive is answered with connection: keep-alive and kept open', async () => {
    const port = await start((req, res) => ok(res, req.url));
    const raw = new Raw(port).send('GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n');
    await raw.until((r) => r.endsWith('/a'));
    expect(raw.received).toContain('connection: keep-alive\r\n');
    raw.send('GET /b HTTP/1.0\r\n\r\n');
    expect(await raw.untilClosed()).toMatch(/\/a[^]*connection: close\r\n[^]*\/b$/);
  });

  it('HTTP/1.1 Connection: close is honoured', async () => {
    const port = await start((_req, res) => ok(res));
    const received = await new Raw(port).send('GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n').untilClosed();
    expect(received).toContain('connection: close\r\n');
  });

  it('refuses header values with CR, LF or NUL with a TypeError naming the header, leaving the answer open', async () => {
    const errors: string[] = [];
    const port = await start((_req, res) => {
      for (const bad of ['a\r\nx-injected: 1', 'a\nb', 'a\0b']) {
        try {
          res.writeHead(200, { 'content-length': '2', 'x-evil': bad });
        } catch (e) {
          errors.push(`${(e as Error).name}: ${(e as Error).message}`);
        }
      }
      try { res.writeHead(200, { 'set-cookie': ['ok', 'b\rc'] }); } catch (e) { errors.push((e as Error).message); }
      res.writeHead(500, { 'content-length': '2' });
      res.end('no');
    });
    const { res, body } = await get(port);
    expect(errors).toEqual([
      'TypeError: Invalid character in header "x-evil"', 'TypeError: Invalid character in header "x-evil"',
      'TypeError: Invalid character in header "x-evil"', 'Invalid character in header "set-cookie"',
    ]);
    expect([res.statusCode, body, res.headers['x-injected']]).toEqual([500, 'no', undefined]);
  });

  it('answers 500 with the error body when the handler throws', async () => {
    const port = await start(() => { throw new Error('boom'); }, { errorBody: (s) => `{"status":${s}}` });
    const { res, body } = await get(port);
    expect([res.statusCode, body, res.headers['content-type'], res.headers.connection]).toEqual([500, '{"status":500}', 'application/json', 'close']);
  });

  it('calls onClose when the client goes away mid-answer', async () => {
    let closed = 0;
    let finished = 0;
    let wrote!: () => void;
    const firstChunk = new Promise<void>((resolve) => (wrote = resolve));
    const port = await start((_req, res) => {
      res.onClose = () => closed++;
      res.onFinish = () => finished++;
      res.writeHead(200, {});
      res.write(Buffer.from('first'));
      wrote();
    });
    const raw = new Raw(port).send('GET / HTTP/1.1\r\nHost: a\r\n\r\n');
    await firstChunk;
    await raw.until((r) => r.includes('first'));
    raw.socket.destroy();
    await waitFor(() => closed !== 0);
    expect([closed, finished]).toEqual([1, 0]);
  });

  it('write() returns false against a paused client, onDrain fires, and every byte arrives', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'z');
    const total = 256 * chunk.length;
    let sawFalse = false;
    let drains = 0;
    const port = await start((_req, res) => {
      let sent = 0;
      res.writeHead(200, { 'content-length': String(total) });
      const pump = () => {
        while (sent < total) {
          sent += chunk.length;
          if (sent === total) return res.end(chunk);
          if (!res.write(chunk)) { sawFalse = true; return; }
        }
      };
      res.onDrain = () => { drains++; pump(); };
      pump();
    });
    const raw = new Raw(port);
    raw.socket.setEncoding('latin1');
    raw.socket.pause();
    raw.send('GET / HTTP/1.1\r\nHost: a\r\n\r\n');
    await waitFor(() => sawFalse);
    expect(sawFalse).toBe(true);
    raw.socket.resume();
    const received = await raw.until((r) => r.length >= total && r.length - r.indexOf('\r\n\r\n') - 4 === total);
    expect(received.length - received.indexOf('\r\n\r\n') - 4).toBe(total);
    expect(drains).toBeGreaterThan(0);
  });

  it('cuts the connection rather than send more bytes than the content-length it announced', async () => {
    let wrote: boolean | undefined;
    const port = await start((_req, res) => {
      res.writeHead(200, { 'content-length': '3' });
      res.write(Buffer.from('abc'));
      wrote = res.write(Buffer.from('HTTP/1.1 200 OK\r\n\r\n')); // would read as a second answer
    });
    const received = await new Raw(port).send('GET / HTTP/1.1\r\nHost: a\r\n\r\n').untilClosed();
    expect(wrote).toBe(false);
    expect(received.endsWith('\r\n\r\nabc')).toBe(true);
  });

  it('destroy() closes the connection and reports onClose', async () => {
    let closed = 0;
    const port = await start((_req, res) => {
      res.onClose = () => closed++;
      res.destroy();
    });
    const raw = new Raw(port).send('GET / HTTP/1.1\r\nHost: a\r\n\r\n');
    expect(await raw.untilClosed()).toBe('');
    await waitFor(() => closed === 1);
    expect(closed).toBe(1);
  });
});

describe('refused requests', () => {
  const neverCalled = jest.fn();
  beforeEach(() => neverCalled.mockReset());

  it.each([
    ['a double space in the request line', 'GET  / HTTP/1.1\r\nHost: a\r\n\r\n'],
    ['a method that is not a token', 'G@T / HTTP/1.1\r\nHost: a\r\n\r\n'],
    ['a control character in the target', 'GET /a\x01b HTTP/1.1\r\nHost: a\r\n\r\n'],
    ['a lowercase version', 'GET / http/1.1\r\nHost: a\r\n\r\n'],
    ['garbage instead of a request line', 'hello\r\n\r\n'],
    ['a bare LF ending the request line', 'GET / HTTP/1.1\nHost: a\r\n\r\n'],
    ['an asterisk-form target', 'OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n'],
    ['an authority-form target', 'CONNECT a.example:443 HTTP/1.1\r\nHost: a\r\n\r\n'],
    ['userinfo in an absolute-form target', 'GET http://u@a.example/ HTTP/1.1\r\nHost: a\r\n\r\n'],
    ['Transfer-Encoding with Content-Length', 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\nabc'],
    ['a Content-Length that is not digits', 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +3\r\n\r\nabc'],
    ['differing Content-Length fields', 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd'],
    ['a Content-Length list that differs', 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 4\r\n\r\nabcd'],
    ['obs-fold', 'GET / HTTP/1.1\r\nHost: a\r\nX-A: a\r\n b\r\n\r\n'],
    ['an invalid header name character', 'GET / HTTP/1.1\r\nHost: a\r\nX(A: b\r\n\r\n'],
    ['whitespace before the colon', 'GET / HTTP/1.1\r\nHost : a\r\n\r\n'],
    ['a control character in a value', 'GET / HTTP/1.1\r\nHost: a\r\nX-A: a\x01b\r\n\r\n'],
    ['no Host on HTTP/1.1', 'GET / HTTP/1.1\r\nX-A: b\r\n\r\n'],
    ['Transfer-Encoding gzip only', 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n'],
    ['Transfer-Encoding gzip, chunked', 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n'],
    ['chunked applied twice', 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'],
    ['Transfer-Encoding on HTTP/1.0', 'POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'],
  ])('400 for %s', async (_name, request) => {
    const port = await start(neverCalled, { errorBody: (s) => `{"s":${s}}` });
    const received = await new Raw(port).send(request).untilClosed();
    expect(received).toMatch(/^HTTP\/1.1 400 Bad Request\r\n/);
    expect(received).toContain('content-type: application/json\r\n');
    expect(received).toContain('connection: close\r\n');
    expect(received.endsWith('\r\n\r\n{"s":400}')).toBe(true);
    expect(neverCalled).not.toHaveBeenCalled();
  });

  it('answers a valid request before a malformed pipelined one, then 400', async () => {
    const port = await start((_req, res) => ok(res));
    const received = await new Raw(port).send('GET / HTTP/1.1\r\nHost: a\r\n\r\nGET / HTTP/1.1\r\nHost a\r\n\r\n').untilClosed();
    expect(received).toMatch(/^HTTP\/1.1 200 OK\r\n[^]*ok\nHTTP\/1.1 400 Bad Request\r\n/);
  });

  it.each(['HTTP/2.0', 'HTTP/1.2', 'HTTP/0.9'])('505 for %s', async (version) => {
    const port = await start(neverCalled);
    expect(await new Raw(port).send(`GET / ${version}\r\nHost: a\r\n\r\n`).untilClosed()).toMatch(/^HTTP\/1.1 505 HTTP Version Not Supported\r\n/);
  });

  it('431 for a head larger than maxHeadBytes, whole or trickling in', async () => {
    const port = await start(neverCalled, { maxHeadBytes: 1024 });
    const big = `GET / HTTP/1.1\r\nHost: a\r\nX-Big: ${'b'.repeat(1100)}\r\n\r\n`;
    expect(await new Raw(port).send(big).untilClosed()).toMatch(/^HTTP\/1.1 431 Request Header Fields Too Large\r\n[^]*connection: close/);
    const raw = new Raw(port);
    await raw.trickle(`GET / HTTP/1.1\r\nHost: a\r\nX-Big: ${'b'.repeat(1100)}`, 100);
    expect(await raw.untilClosed()).toMatch(/^HTTP\/1.1 431 /);
    expect(neverCalled).not.toHaveBeenCalled();
  });

  it('408 when a head is not complete within headersTimeoutMs', async () => {
    const port = await start(neverCalled, { headersTimeoutMs: 100 });
    const raw = new Raw(port).send('GET / HTTP/1.1\r\nHost: a\r\n');
    const started = Date.now();
    expect(await raw.untilClosed()).toMatch(/^HTTP\/1.1 408 Request Timeout\r\n[^]*connection: close/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(80);
  });

  it('closes a keep-alive connection idle for keepAliveTimeoutMs', async () => {
    const port = await start((_req, res) => ok(res), { keepAliveTimeoutMs: 100 });
    const raw = new Raw(port).send('GET / HTTP/1.1\r\nHost: a\r\n\r\n');
    await raw.until(() => raw.count() === 1);
    const answered = Date.now();
    await raw.untilClosed();
    expect(Date.now() - answered).toBeGreaterThanOrEqual(80);
    expect(raw.count()).toBe(1);
  });
});

describe('server lifecycle', () => {
  it('closeIdleConnections closes idle connections only; closeAllConnections the rest', async () => {
    let release!: () => void;
    const port = await start((req, res) => {
      if (req.url === '/slow') release = () => ok(res);
      else ok(res);
    });
    const idle = new Raw(port).send('GET / HTTP/1.1\r\nHost: a\r\n\r\n');
    await idle.until(() => idle.count() === 1);
    const busy = new Raw(port).send('GET /slow HTTP/1.1\r\nHost: a\r\n\r\n');
    await waitFor(() => release !== undefined); // the slow request is being handled
    servers[0].closeIdleConnections();
    await idle.untilClosed();
    await sleep(10);
    expect(busy.closed).toBe(false);
    release();
    await busy.until(() => busy.count() === 1);
    servers[0].closeAllConnections();
    await busy.untilClosed();
  });

  it('after close(), answers in flight say connection: close', async () => {
    let release!: () => void;
    const port = await start((_req, res) => { release = () => ok(res); });
    const raw = new Raw(port).send('GET / HTTP/1.1\r\nHost: a\r\n\r\n');
    await waitFor(() => release !== undefined);
    servers[0].close();
    release();
    expect(await raw.untilClosed()).toContain('connection: close\r\n');
  });

  it('serves HTTPS through createHttps1Server', async () => {
    const cert = makeCertificate('localhost', ['localhost']);
    let seen: ProxyRequest | undefined;
    const server = createHttps1Server((req, res) => { seen = req; ok(res, 'secure'); },
      { key: cert.privateKeyPem, cert: cert.certificatePem });
    const port = await listen(server);
    const body = await new Promise<string>((resolve, reject) => {
      https.get({ host: '127.0.0.1', port, servername: 'localhost', ca: cert.certificatePem, agent: false }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve(text));
      }).on('error', reject);
    });
    expect([body, seen?.encrypted, seen?.remoteAddress]).toEqual(['secure', true, '127.0.0.1']);
    // A client that does not speak TLS only costs its own socket.
    expect(await new Raw(port).send('GET / HTTP/1.1\r\n\r\n').untilClosed()).not.toContain('secure');
  });
});
