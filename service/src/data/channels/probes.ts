/**
 * One health probe of one member: a TCP connect, or an HTTP(S) request whose status must be among the
 * expected codes. Each probe opens its own connection (no pooling), so it tests exactly what a new
 * backend connection would meet. HTTPS probes do not verify the certificate: members are internal
 * servers, often with self-signed certificates, and the check asks "is it up", not "who is it".
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { RuntimeChannel } from '../../shared/runtime-config';
import { authority, type Member } from './members';

const noop = (): void => undefined;

type HealthCheck = NonNullable<RuntimeChannel['health_check']>;

/** Resolves true when the member passed; never rejects. `signal` aborts it (resolving false). */
export type Probe = (member: Member, timeoutMs: number, signal: AbortSignal) => Promise<boolean>;

/** Settles once, after `timeoutMs` or an abort at the latest, tearing down via `cancel`. */
function bounded(timeoutMs: number, signal: AbortSignal, run: (done: (ok: boolean) => void) => () => void): Promise<boolean> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (ok: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      cancel();
      resolve(ok);
    };
    const onAbort = (): void => finish(false);
    const timer = setTimeout(onAbort, timeoutMs);
    timer.unref();
    signal.addEventListener('abort', onAbort);
    let cancel = (): void => undefined;
    cancel = run(finish);
    if (signal.aborted) finish(false);
  });
}

function tcpProbe(port: number | undefined): Probe {
  return (member, timeoutMs, signal) => bounded(timeoutMs, signal, (done) => {
    const socket = net.connect({ host: member.host, port: port ?? member.port });
    socket.once('connect', () => done(true));
    socket.on('error', () => done(false)); // `on`, not `once`: a destroyed socket may still report
    return () => socket.destroy();
  });
}

function httpProbe(check: HealthCheck): Probe {
  const accepts = parseHttpCodes(check.http_codes);
  const secure = check.protocol === 'HTTPS';
  return (member, timeoutMs, signal) => bounded(timeoutMs, signal, (done) => {
    const port = check.port ?? member.port;
    const options: https.RequestOptions = {
      host: member.host, port, method: check.method, path: check.path, agent: false,
      headers: { host: authority(member.host, port), 'user-agent': 'apigw-health-check' },
      ...(secure ? { rejectUnauthorized: false, servername: net.isIP(member.host) ? undefined : member.host } : {}),
    };
    const req = (secure ? https : http).request(options, (res) => {
      res.on('error', noop); // destroying below aborts the body, which is all it can complain about
      res.resume();
      done(accepts(res.statusCode ?? 0));
    });
    req.on('error', () => done(false));
    req.end();
    return () => req.destroy();
  });
}

export function createProbe(check: HealthCheck): Probe {
  return check.protocol === 'TCP' ? tcpProbe(check.port) : httpProbe(check);
}

/**
 * The health check's expected status codes: a comma-separated list of codes and inclusive ranges
 * (`200,202`, `200-299`, `200-204,301`), as the catalogue's pattern allows.
 */
export function parseHttpCodes(spec: string): (status: number) => boolean {
  const ranges: Array<[number, number]> = [];
  for (const part of spec.split(',')) {
    const match = /^\s*(\d{3})(?:\s*-\s*(\d{3}))?\s*$/.exec(part);
    if (!match) continue;
    const [low, high] = [Number(match[1]), Number(match[2] ?? match[1])];
    ranges.push([Math.min(low, high), Math.max(low, high)]);
  }
  if (ranges.length === 0) ranges.push([200, 200]); // the catalogue's default, should a bad value ever slip through
  return (status) => ranges.some(([low, high]) => status >= low && status <= high);
}
