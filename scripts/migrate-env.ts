// `npm run migrate-env -- --from <service> <old .env>`: prints this backend's .env for one old
// service's .env (logic and mapping in src/config/migrate-env.ts, src/config/legacy-services.ts).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  isLegacyService,
  LEGACY_SERVICE_NAMES,
  LEGACY_SERVICES,
} from '../src/config/legacy-services';
import { migrateEnv, parseEnvFile, renderMigration } from '../src/config/migrate-env';

const usage = `usage: npm run migrate-env -- --from <${LEGACY_SERVICES.join('|')}> <old .env>\n${LEGACY_SERVICES.map((s) => `  ${s.padEnd(10)} the ${LEGACY_SERVICE_NAMES[s]} service`).join('\n')}\n`;

function main(): number {
  const { values, positionals } = parseArgs({
    options: { from: { type: 'string' } },
    allowPositionals: true,
  });
  const service = values.from ?? '';
  if (!isLegacyService(service) || positionals.length !== 1) {
    process.stderr.write(usage);
    return 2;
  }
  const old = parseEnvFile(readFileSync(positionals[0], 'utf8'));
  process.stdout.write(renderMigration(migrateEnv(service, old)));
  return 0;
}

process.exitCode = main();
