/**
 * The go-plugin handshake: refuse to run unless launched by a plugin client with the Terraform
 * cookie, agree on protocol 6, and print the one stdout line Terraform reads to connect.
 */
import type { PluginEnv } from './env';

export const MAGIC_COOKIE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';
export const CORE_PROTOCOL_VERSION = 1;
export const APP_PROTOCOL_VERSION = '6';

/** go-plugin's own wording, so users recognise it. */
const NOT_A_PROGRAM = 'This binary is a plugin. These are not meant to be executed directly.\n'
  + 'Please execute the program that consumes these plugins, which will\nload any plugins automatically\n';

/** Why the process must not start, or undefined when it may. */
export function startupProblem(env: Pick<PluginEnv, 'magicCookie' | 'protocolVersions'>): string | undefined {
  if (env.magicCookie !== MAGIC_COOKIE) return NOT_A_PROGRAM;
  // Unset means "not negotiated" (a debugger or a manual run): offer ours, as go-plugin does.
  if (env.protocolVersions && !env.protocolVersions.includes(APP_PROTOCOL_VERSION)) {
    return `Incompatible plugin protocol: this provider speaks protocol ${APP_PROTOCOL_VERSION}, `
      + `the client offers ${env.protocolVersions.join(', ')}. Use Terraform 1.0 or later.\n`;
  }
  return undefined;
}

/** `1|6|tcp|127.0.0.1:PORT|grpc|CERT`: CERT is the DER certificate in unpadded standard base64. */
export function handshakeLine(port: number, certDer?: Uint8Array): string {
  const fields = [CORE_PROTOCOL_VERSION, APP_PROTOCOL_VERSION, 'tcp', `127.0.0.1:${port}`, 'grpc'];
  const cert = certDer ? [Buffer.from(certDer).toString('base64').replace(/=+$/, '')] : [];
  return `${[...fields, ...cert].join('|')}\n`;
}
