/**
 * The gateway's string to sign against the published vectors of the X-Ca-* scheme (the same ones
 * the independent test client is checked against): alibaba/higress
 * plugins/wasm-cpp/extensions/hmac_auth/plugin_test.cc (key "appKey", secret "appSecret") and the
 * worked example of Alibaba Cloud's "Signature mechanism" documentation.
 */
import crypto from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { buildStringToSign, pathAndParameters, signedHeaderNames } from './string-to-sign';

function sign(method: string, url: string, headers: IncomingHttpHeaders, body?: string): string {
  const [path, query = ''] = url.split('?');
  const form = body === undefined ? undefined : new URLSearchParams(body);
  const text = buildStringToSign({ method, headers, signedHeaders: signedHeaderNames(headers['x-ca-signature-headers']), path, query: new URLSearchParams(query), form });
  return crypto.createHmac('sha256', 'appSecret').update(text).digest('base64');
}

test('higress vectors verify', () => {
  const signed = { 'x-ca-key': 'appKey', 'x-ca-signature-headers': 'x-ca-key,x-ca-nonce,x-ca-timestamp' };
  expect(sign('GET', '/Third/Tools/checkSign', {
    ...signed, accept: 'application/json', 'content-type': 'application/json', 'x-ca-timestamp': '1646365291734', 'x-ca-nonce': '787dd0c2-7bd8-41cd-9c19-62c05ea524a2',
  })).toBe('EdJSFAMOWyXZOpXhevZnjuS0ZafnwnCqaSk5hz+tXo8=');
  expect(sign('GET', '/Third/Tools/checkSign', { accept: 'application/json', 'x-ca-key': 'appKey' })).toBe('ZpJhkHdtjLTJiR6CJWHL8ikLtPB2z6CoztG21wG3PT4=');
  expect(sign('POST', '/Third/User/getNyAccessToken', {
    ...signed, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded', 'x-ca-timestamp': '1646646682418', 'x-ca-nonce': 'ca5a6753-b76c-4fff-a9d9-e5bb643e8cdf',
  }, 'nickname=nickname&room_id=6893&uuid=uuid&photo=photo')).toBe('gmf9xq0hc95Hmt+7G+OocS009ka3v1v0rvfshKzYc3w=');
});

test('the documented example string to sign', () => {
  const headers = {
    accept: 'application/json; charset=utf-8', 'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
    date: 'Wed, 09 May 2018 13:30:29 GMT+00:00', 'x-ca-key': '203753385', 'x-ca-nonce': 'c9f15cbf-f4ac-4a6c-b54d-f51abf4b5b44',
    'x-ca-signature-method': 'HmacSHA256', 'x-ca-timestamp': '1525872629832',
    'x-ca-signature-headers': 'x-ca-timestamp,x-ca-key,x-ca-nonce,x-ca-signature-method',
  };
  const text = buildStringToSign({
    method: 'POST', headers, signedHeaders: signedHeaderNames(headers['x-ca-signature-headers']), path: '/http2test/test',
    query: new URLSearchParams('param1=test'), form: new URLSearchParams('username=xiaoming&password=123456789'),
  });
  expect(text).toBe('POST\napplication/json; charset=utf-8\n\napplication/x-www-form-urlencoded; charset=utf-8\nWed, 09 May 2018 13:30:29 GMT+00:00\n'
    + 'x-ca-key:203753385\nx-ca-nonce:c9f15cbf-f4ac-4a6c-b54d-f51abf4b5b44\nx-ca-signature-method:HmacSHA256\nx-ca-timestamp:1525872629832\n'
    + '/http2test/test?param1=test&password=123456789&username=xiaoming');
});

test('signed header list: lowercased, trimmed, deduplicated, sorted, special headers left out', () => {
  expect(signedHeaderNames(' X-Ca-Nonce,x-ca-key ,Accept,X-CA-KEY,x-ca-signature,,Date,x-custom')).toEqual(['x-ca-key', 'x-ca-nonce', 'x-custom']);
  expect(signedHeaderNames(undefined)).toEqual([]);
});

test('parameters: decoded, sorted, first value of a repeated key, empty values as bare keys, form over query', () => {
  expect(pathAndParameters('/p', new URLSearchParams())).toBe('/p');
  expect(pathAndParameters('/p%20q', new URLSearchParams('b=2&a=&c=x+y&b=3&d=%26'))).toBe('/p%20q?a&b=2&c=x y&d=&');
  expect(pathAndParameters('/p', new URLSearchParams('a=1&z=q'), new URLSearchParams('a=2&a=3&m'))).toBe('/p?a=2&m&z=q');
});

test('long parameter lists give the same answer as short ones', () => {
  const query = Array.from({ length: 30 }, (_, i) => `k${String(29 - i).padStart(2, '0')}=${i}`).join('&');
  const text = pathAndParameters('/p', new URLSearchParams(`${query}&k05=dup`), new URLSearchParams('k07=form&k07=again&z='));
  const expected = Array.from({ length: 30 }, (_, i) => `k${String(i).padStart(2, '0')}=${i === 7 ? 'form' : 29 - i}`).join('&');
  expect(text).toBe(`/p?${expected}&z`);
});
