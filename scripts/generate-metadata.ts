// Runs the @nestjs/swagger CLI plugin over src and writes src/metadata.ts, so the OpenAPI
// document is the same whether the app was compiled by `nest build` or by SWC in the tests.
import { PluginMetadataGenerator } from '@nestjs/cli/lib/compiler/plugins/plugin-metadata-generator';
import { ReadonlyVisitor } from '@nestjs/swagger/plugin';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const src = join(__dirname, '..', 'src');
new PluginMetadataGenerator().generate({
  visitors: [
    new ReadonlyVisitor({
      introspectComments: true,
      classValidatorShim: true,
      dtoFileNameSuffix: ['.dto.ts'],
      pathToSource: src,
    }),
  ],
  outputDir: src,
  tsconfigPath: 'tsconfig.build.json',
  printDiagnostics: false,
});
execFileSync(join(__dirname, '..', 'node_modules', '.bin', 'prettier'), [
  '--write',
  join(src, 'metadata.ts'),
]);
