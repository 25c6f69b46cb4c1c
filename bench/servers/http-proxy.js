/**
 * The plain Node.js reverse proxy of the benchmark: the `http-proxy` package on node:http, with a
 * keep-alive agent to the upstream (as any production setup of it would have). Nothing else: no
 * routing, auth or logging. Run by bench/run.js:
 *   node bench/servers/http-proxy.js LISTEN_PORT UPSTREAM_PORT
 */
'use strict';
const http = require('node:http');
const httpProxy = require('http-proxy');

const [listenPort, upstreamPort] = process.argv.slice(2).map(Number);
if (!listenPort || !upstreamPort) {
  process.stderr.write('usage: node http-proxy.js LISTEN_PORT UPSTREAM_PORT\n');
  process.exit(2);
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const proxy = httpProxy.createProxyServer({ target: `http://127.0.0.1:${upstreamPort}`, agent });
proxy.on('error', (_error, _req, res) => {
  if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
  res.end('bad gateway\n');
});

const server = http.createServer((req, res) => proxy.web(req, res));
server.keepAliveTimeout = 300_000;
server.listen(listenPort, '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
