import { compileIpList, unmapIpv4 } from './ip-matcher';

test('IPv4 and IPv6 addresses and CIDR blocks', () => {
  const list = compileIpList(['10.0.0.0/8', '192.168.1.7', '2001:db8::/32', '::1']);
  expect(list.rejected).toEqual([]);
  expect(['10.1.2.3', '192.168.1.7', '2001:db8:1::5', '::1'].map((a) => list.matches(a))).toEqual([true, true, true, true]);
  expect(['11.0.0.1', '192.168.1.8', '2001:db9::1', '::2', ''].map((a) => list.matches(a))).toEqual([false, false, false, false, false]);
});

test('IPv4-mapped IPv6 callers and entries are matched as IPv4', () => {
  expect(unmapIpv4('::ffff:10.1.2.3')).toBe('10.1.2.3');
  expect(unmapIpv4('::FFFF:10.1.2.3')).toBe('10.1.2.3');
  expect(unmapIpv4('::ffff:a01:203')).toBe('::ffff:a01:203');
  const list = compileIpList(['127.0.0.0/8', '::ffff:172.16.0.0/112', '::ffff:8.8.8.8']);
  expect(list.matches('::ffff:127.0.0.1')).toBe(true);
  expect(list.matches('172.16.5.5')).toBe(true);
  expect(list.matches('172.17.0.1')).toBe(false);
  expect(list.matches('8.8.8.8')).toBe(true);
});

test('unreadable entries are reported, not thrown', () => {
  expect(compileIpList(['nonsense', '10.0.0.0/33', '::/129', '1.2.3.4']).rejected).toEqual(['nonsense', '10.0.0.0/33', '::/129']);
});
