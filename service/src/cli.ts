/**
 * The `apigw` command: `serve` runs the service, `token create --tenant NAME` prints a management
 * token (and nothing else on stdout), `migrate` applies database migrations and exits.
 */
import { parseArgs } from 'node:util';
import { openDatabase } from './control/db/database';
import { loadKeys } from './control/security/keys';
import { createToken } from './control/security/tokens';
import { startService } from './serve';
import { loadConfig, type Role } from './shared/config';
import { createLogger } from './shared/logger';
import { YOUNG_GENERATION_FLOOR_MB, hasYoungGenerationFloor } from './shared/young-generation';

const USAGE = `usage:
  apigw serve [--role all|admin|proxy]
  apigw token create --tenant NAME [--actor NAME] [--expires-in 30d]
  apigw migrate`;

async function main(argv: string[]): Promise<number> {
  const [command, sub] = argv;
  if (command === 'token' && sub === 'create') {
    const { values } = parseArgs({ args: argv.slice(2), options: {
      tenant: { type: 'string' }, actor: { type: 'string' }, 'expires-in': { type: 'string' },
    } });
    if (!values.tenant) throw new Error('--tenant is required');
    const config = loadConfig();
    const { jwtSecret } = loadKeys(config.dataDir, config.jwtSecret, config.masterKey);
    process.stdout.write(createToken(jwtSecret, { tenant: values.tenant, actor: values.actor, expiresIn: values['expires-in'] }) + '\n');
    return 0;
  }
  if (command === 'serve') {
    const { values } = parseArgs({ args: argv.slice(1), options: { role: { type: 'string' } } });
    const config = loadConfig(process.env, values.role ? { role: values.role as Role } : {});
    const log = createLogger(config.logLevel);
    if (!hasYoungGenerationFloor()) {
      log.warn(`node was started without --min-semi-space-size=${YOUNG_GENERATION_FLOOR_MB}: the first seconds of traffic `
        + 'after a quiet period will pay for extra garbage collection (service/bin/apigw.js passes it when run directly)');
    }
    const running = await startService(config, log);
    const stop = () => { running.close().then(() => process.exit(0), () => process.exit(1)); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return -1; // keep running
  }
  if (command === 'migrate') {
    const config = loadConfig();
    const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    await db.close();
    process.stderr.write(`migrated ${db.dialect} database\n`);
    return 0;
  }
  process.stderr.write(USAGE + '\n');
  return 2;
}

main(process.argv.slice(2)).then((code) => { if (code >= 0) process.exit(code); }, (error: Error) => {
  process.stderr.write(`apigw: ${error.message}\n`);
  process.exit(1);
});
