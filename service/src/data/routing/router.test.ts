import { Router, type RouteSpec } from './router';

const route = (method: string, path: string, prefix = false): RouteSpec<string> => ({ method, path, prefix, value: `${method} ${path}${prefix ? ' (prefix)' : ''}` });

const router = new Router([
  route('GET', '/users'),
  route('GET', '/users/{id}'),
  route('GET', '/users/me'),
  route('PUT', '/users/{id}'),
  route('ANY', '/any/{x}'),
  route('GET', '/files/{path+}'),
  route('GET', '/users/{id}/orders/{orderId}'),
  route('GET', '/static', true),
  route('GET', '/static/deeper', true),
  route('POST', '/'),
]);

test.each([
  ['GET', '/users', 'GET /users', {}, ''],
  ['GET', '/users/', 'GET /users', {}, ''],
  ['GET', '/users/42', 'GET /users/{id}', { id: '42' }, ''],
  ['GET', '/users/me', 'GET /users/me', {}, ''],
  ['PUT', '/users/me', 'PUT /users/{id}', { id: 'me' }, ''],
  ['DELETE', '/any/1', 'ANY /any/{x}', { x: '1' }, ''],
  ['GET', '/files/a/b/c.txt', 'GET /files/{path+}', { path: 'a/b/c.txt' }, ''],
  ['GET', '/users/7/orders/9', 'GET /users/{id}/orders/{orderId}', { id: '7', orderId: '9' }, ''],
  ['GET', '/static', 'GET /static (prefix)', {}, ''],
  ['GET', '/static/x/y', 'GET /static (prefix)', {}, '/x/y'],
  ['GET', '/static/deeper/z', 'GET /static/deeper (prefix)', {}, '/z'],
  ['POST', '/', 'POST /', {}, ''],
])('%s %s → %s', (method, path, value, params, rest) => {
  expect(router.match(method, path)).toEqual({ value, params, rest });
});

test.each([
  ['DELETE', '/users/1'],
  ['GET', '/users/1/orders'],
  ['GET', '/nothing'],
  ['GET', '/files'],
  ['GET', '/'],
])('%s %s has no route', (method, path) => {
  expect(router.match(method, path)).toBeUndefined();
});

test('backtracks from a static branch that dead-ends to a parameter', () => {
  const r = new Router([route('GET', '/a/b/c'), route('GET', '/a/{x}/d')]);
  expect(r.match('GET', '/a/b/d')).toEqual({ value: 'GET /a/{x}/d', params: { x: 'b' }, rest: '' });
});

test('lookups stay flat with 10,000 routes', () => {
  const many = Array.from({ length: 10000 }, (_, i) => route('GET', `/svc${i}/items/{id}`));
  const big = new Router(many);
  expect(big.match('GET', '/svc9999/items/5')?.params).toEqual({ id: '5' });
  expect(big.match('GET', '/svc10000/items/5')).toBeUndefined();
});
