/**
 * An IP / CIDR list compiled once, at configuration swap, into a node:net BlockList. Callers on a
 * dual-stack socket appear as IPv4-mapped IPv6 (`::ffff:10.1.2.3`): they are matched as the IPv4
 * address they are, and mapped entries in the list (`::ffff:10.0.0.0/104`) as the IPv4 block they
 * name, so one list works whichever way the proxy listens.
 */
import { BlockList, isIP } from 'node:net';

const MAPPED = '::ffff:';
const MAPPED_BITS = 96;

/** `::ffff:1.2.3.4` → `1.2.3.4`; anything else unchanged. */
export function unmapIpv4(address: string): string {
  if (address.length > MAPPED.length && address.slice(0, MAPPED.length).toLowerCase() === MAPPED) {
    const inner = address.slice(MAPPED.length);
    if (inner.includes('.')) return inner;
  }
  return address;
}

function addEntry(list: BlockList, entry: string): boolean {
  const slash = entry.indexOf('/');
  const written = (slash < 0 ? entry : entry.slice(0, slash)).trim();
  const address = unmapIpv4(written);
  const family = isIP(address);
  if (family === 0) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (slash < 0) {
    list.addAddress(address, type);
    return true;
  }
  let prefix = Number(entry.slice(slash + 1));
  if (address !== written) prefix -= MAPPED_BITS; // a mapped block's prefix counts the 96 mapping bits
  const max = family === 4 ? 32 : 128;
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) return false;
  list.addSubnet(address, prefix, type);
  return true;
}

export interface IpMatcher {
  matches(address: string): boolean;
  /** Entries that could not be read (the catalogue validates them; kept for the startup log and tests). */
  readonly rejected: readonly string[];
}

export function compileIpList(entries: readonly string[]): IpMatcher {
  const list = new BlockList();
  const rejected = entries.filter((entry) => !addEntry(list, entry));
  return {
    rejected,
    matches(address) {
      if (address === '') return false;
      const plain = unmapIpv4(address);
      // The socket's address is always well formed, so a colon is enough to tell the family.
      return list.check(plain, plain.includes(':') ? 'ipv6' : 'ipv4');
    },
  };
}
