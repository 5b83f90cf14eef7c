// `npm run docs`: regenerates .env.example and the README configuration table from the env schema.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderEnvExample, renderReadme } from '../tools/config-docs';

const root = join(__dirname, '..');
writeFileSync(join(root, '.env.example'), renderEnvExample());
const readmePath = join(root, 'README.md');
writeFileSync(readmePath, renderReadme(readFileSync(readmePath, 'utf8')));
process.stdout.write('.env.example and README.md configuration table regenerated\n');
