/**
 * Single HTTP requests on loopback with a chosen Host header (fetch() may not set Host) and a hard
 * time limit: the management API calls and the checks before measuring, never load.
 */
'use strict';
const http = require('node:http');

function httpRequest(port, method, path, headers = {}, body = undefined, timeoutMs = 5000) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { text += d; });
      res.on('end', () => { clearTimeout(timer); resolve({ status: res.statusCode, headers: res.headers, body: text }); });
    });
    const timer = setTimeout(() => req.destroy(new Error(`${method} ${path} on port ${port}: no answer within ${timeoutMs} ms`)), timeoutMs);
    req.on('error', (error) => { clearTimeout(timer); reject(error); });
    req.end(body);
  });
}

const httpGet = (port, path, headers = {}, timeoutMs = 5000) => httpRequest(port, 'GET', path, headers, undefined, timeoutMs);

module.exports = { httpRequest, httpGet };
