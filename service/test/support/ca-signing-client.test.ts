/**
 * The independent signing client against published test vectors of the X-Ca-* scheme:
 * - the worked example of Alibaba Cloud's "Signature mechanism" page (help.aliyun.com, document
 *   29475 / 143207), reproduced in alibaba/higress plugins/wasm-cpp/extensions/hmac_auth/README_EN.md
 *   ("Signing String Extraction Example") — its string to sign (its secret is not published; the
 *   README's markdown drops the empty Content-MD5 line, which the expected string in plugin_test.cc
 *   keeps);
 * - the request / secret / signature triples of alibaba/higress
 *   plugins/wasm-cpp/extensions/hmac_auth/plugin_test.cc (tests Sign, SignWithoutDynamicHeader and
 *   ParamInBody: key "appKey", secret "appSecret").
 */
import { signRequest, stringToSign } from './ca-signing-client';

test('the documented example: form parameters merged with the query, sorted; X-Ca headers sorted', () => {
  const headers = {
    accept: 'application/json; charset=utf-8',
    'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
    date: 'Wed, 09 May 2018 13:30:29 GMT+00:00',
    'x-ca-key': '203753385',
    'x-ca-nonce': 'c9f15cbf-f4ac-4a6c-b54d-f51abf4b5b44',
    'x-ca-signature-method': 'HmacSHA256',
    'x-ca-timestamp': '1525872629832',
  };
  const text = stringToSign({
    method: 'POST', url: '/http2test/test?param1=test', headers, body: 'username=xiaoming&password=123456789',
    signHeaders: ['x-ca-timestamp', 'x-ca-key', 'x-ca-nonce', 'x-ca-signature-method'],
  });
  expect(text).toBe([
    'POST',
    'application/json; charset=utf-8',
    '',
    'application/x-www-form-urlencoded; charset=utf-8',
    'Wed, 09 May 2018 13:30:29 GMT+00:00',
    'x-ca-key:203753385',
    'x-ca-nonce:c9f15cbf-f4ac-4a6c-b54d-f51abf4b5b44',
    'x-ca-signature-method:HmacSHA256',
    'x-ca-timestamp:1525872629832',
    '/http2test/test?param1=test&password=123456789&username=xiaoming',
  ].join('\n'));
});

const vector = { appKey: 'appKey', appSecret: 'appSecret' };

test('higress vector "Sign": GET with signed x-ca-key, x-ca-nonce, x-ca-timestamp', () => {
  const signed = signRequest({
    ...vector, method: 'GET', url: '/Third/Tools/checkSign', timestamp: 1646365291734, nonce: '787dd0c2-7bd8-41cd-9c19-62c05ea524a2',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' }, signHeaders: ['x-ca-key', 'x-ca-nonce', 'x-ca-timestamp'],
  });
  expect(signed.headers['x-ca-signature']).toBe('EdJSFAMOWyXZOpXhevZnjuS0ZafnwnCqaSk5hz+tXo8=');
});

test('higress vector "SignWithoutDynamicHeader": no signed headers at all', () => {
  const signed = signRequest({ ...vector, method: 'GET', url: '/Third/Tools/checkSign', headers: { Accept: 'application/json' }, signHeaders: [] });
  expect(signed.stringToSign).toBe('GET\napplication/json\n\n\n\n/Third/Tools/checkSign');
  expect(signed.headers['x-ca-signature']).toBe('ZpJhkHdtjLTJiR6CJWHL8ikLtPB2z6CoztG21wG3PT4=');
});

test('higress vector "ParamInBody": form body parameters are signed', () => {
  const signed = signRequest({
    ...vector, method: 'POST', url: '/Third/User/getNyAccessToken', timestamp: 1646646682418, nonce: 'ca5a6753-b76c-4fff-a9d9-e5bb643e8cdf',
    headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'nickname=nickname&room_id=6893&uuid=uuid&photo=photo', signHeaders: ['x-ca-key', 'x-ca-nonce', 'x-ca-timestamp'],
  });
  expect(signed.stringToSign.endsWith('/Third/User/getNyAccessToken?nickname=nickname&photo=photo&room_id=6893&uuid=uuid')).toBe(true);
  expect(signed.headers['x-ca-signature']).toBe('gmf9xq0hc95Hmt+7G+OocS009ka3v1v0rvfshKzYc3w=');
});

test('by default every x-ca-* header is signed and listed; empty values are written as the bare key', () => {
  const signed = signRequest({ ...vector, method: 'get', url: '/p?b=2&a=&c=x%20y&b=3', timestamp: 1, nonce: 'n', headers: { 'X-Ca-Stage': 'TEST' } });
  expect(signed.headers['x-ca-signature-headers'].split(',').sort()).toEqual(['x-ca-key', 'x-ca-nonce', 'x-ca-signature-method', 'x-ca-stage', 'x-ca-timestamp']);
  expect(signed.stringToSign).toBe('GET\n\n\n\n\nx-ca-key:appKey\nx-ca-nonce:n\nx-ca-signature-method:HmacSHA256\nx-ca-stage:TEST\nx-ca-timestamp:1\n/p?a&b=2&c=x y');
});
