/** The Date header value (IMF-fixdate), formatted at most once per second like node:http's cache. */
let cached = '';
let validUntil = 0;

export function httpDate(now = Date.now()): string {
  if (now >= validUntil) {
    cached = new Date(now).toUTCString();
    validUntil = now - (now % 1000) + 1000;
  }
  return cached;
}
