// Run by `npm start` before the server (package.json `prestart`) and by the Docker build: builds
// the embedded database's initdb template once per machine, so that the server's first start
// copies it (~0.1 s) instead of paying initdb (~3 s) on its way to ready. Never fails the start:
// without a template the server builds one itself, as it always could.
import { ensurePgliteTemplate } from './pglite-init';

ensurePgliteTemplate().then(
  (template) => process.stdout.write(`Embedded database template ready at ${template}\n`),
  (error: unknown) =>
    process.stderr.write(
      `Embedded database template not prepared (the server will build it on first start): ${
        error instanceof Error ? error.message : String(error)
      }\n`,
    ),
);
