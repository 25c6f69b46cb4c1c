/** IP and CIDR syntax checks shared by catalogue rules (pure; node:net only). */
import { isIP } from 'node:net';

/** True for `10.0.0.1`, `10.0.0.0/8`, `2001:db8::1` or `2001:db8::/32`. */
export function isValidCidrOrIp(value: string): boolean {
  const [address, prefix, extra] = value.split('/');
  if (extra !== undefined) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}
