/** The bounded body reader, fed like the proxy server's requests (headers + a body stream, or none). */
import { PassThrough } from 'node:stream';
import { BodyTooLarge } from '../http1/server';
import type { ProxyRequest } from '../http1/types';
import { hasBody, readBody } from './body';

function request(headers: Record<string, string>, chunks: string[], fail: boolean | Error = false): ProxyRequest {
  const stream = new PassThrough();
  setImmediate(() => {
    for (const c of chunks) stream.write(c);
    if (fail) stream.destroy(fail === true ? new Error('reset') : fail); else stream.end();
  });
  const hasOne = headers['transfer-encoding'] !== undefined || (headers['content-length'] ?? '0') !== '0';
  return { headers, body: hasOne ? stream : undefined } as unknown as ProxyRequest;
}

test('reads a chunked body within the limit; no body is an empty buffer', async () => {
  const body = await readBody(request({ 'transfer-encoding': 'chunked' }, ['a=1', '&b=2']), 100);
  expect(Buffer.isBuffer(body) && body.toString()).toBe('a=1&b=2');
  expect(hasBody(request({ 'content-length': '0' }, []))).toBe(false);
  expect(await readBody(request({}, []), 100)).toEqual(Buffer.alloc(0));
});

test('a body over the limit is BODY_TOO_LARGE; a broken one is refused', async () => {
  expect(await readBody(request({ 'transfer-encoding': 'chunked' }, ['x'.repeat(60), 'y'.repeat(60)]), 100)).toMatchObject({ code: 'BODY_TOO_LARGE' });
  expect(await readBody(request({ 'content-length': '10' }, ['abc'], true), 100)).toMatchObject({ code: 'PARAMETER_INVALID' });
  // The server cut a chunked body at its own limit before this reader's.
  expect(await readBody(request({ 'transfer-encoding': 'chunked' }, ['abc'], new BodyTooLarge(2)), 100)).toMatchObject({ code: 'BODY_TOO_LARGE' });
});
