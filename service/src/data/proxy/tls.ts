/**
 * HTTPS for custom domains: the TLS server picks each domain's certificate by SNI (exact name, then
 * a `*.` wildcard domain) with the domain's minimum TLS version. Contexts are rebuilt on every
 * configuration swap, so a new or renewed certificate is served without a restart.
 */
import tls, { type SecureContext } from 'node:tls';
import type { Http1Server } from '../http1/server';
import type { ProxyHandler } from '../http1/types';
import type { DataServices } from '../services';
import { createProxyTlsServer } from './server';
import type { RuntimeDomain } from '../../shared/runtime-config';

export class SniContexts {
  private contexts = new Map<string, SecureContext>();

  update(domains: readonly RuntimeDomain[]): void {
    const next = new Map<string, SecureContext>();
    for (const d of domains) {
      if (!d.certificate) continue;
      next.set(d.hostname, tls.createSecureContext({
        cert: d.certificate.certificate_pem, key: d.certificate.private_key_pem,
        minVersion: d.min_tls_version === '1.1' ? 'TLSv1.1' : 'TLSv1.2',
      }));
    }
    this.contexts = next;
  }

  lookup(servername: string): SecureContext | undefined {
    const name = servername.toLowerCase();
    const exact = this.contexts.get(name);
    if (exact) return exact;
    const dot = name.indexOf('.');
    return dot > 0 ? this.contexts.get(`*${name.slice(dot)}`) : undefined;
  }
}

export function createTlsServer(handler: ProxyHandler, contexts: SniContexts, services: DataServices): Http1Server {
  return createProxyTlsServer(handler, services, {
    minVersion: 'TLSv1.1',
    SNICallback: (servername, done) => {
      const context = contexts.lookup(servername);
      done(context ? null : new Error(`no certificate for ${servername}`), context);
    },
  });
}
