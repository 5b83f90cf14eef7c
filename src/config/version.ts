// The package version, read once; shown by /health and the OpenAPI document.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  version: string;
  name: string;
};

export const APP_VERSION = pkg.version;
export const APP_NAME = pkg.name;
