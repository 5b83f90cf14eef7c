// `npm run docs`: regenerates .env.example and the table of docs/configuration.md from the env schema.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderConfigurationPage, renderEnvExample } from '../tools/config-docs';

const root = join(__dirname, '..');
writeFileSync(join(root, '.env.example'), renderEnvExample());
const pagePath = join(root, 'docs', 'configuration.md');
writeFileSync(pagePath, renderConfigurationPage(readFileSync(pagePath, 'utf8')));
process.stdout.write('.env.example and docs/configuration.md regenerated\n');
