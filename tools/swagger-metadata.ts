// Runs the @nestjs/swagger CLI plugin over src and writes src/metadata.ts, so the OpenAPI
// document is the same whether the app was compiled by `nest build` or by SWC in the tests.
import { PluginMetadataGenerator } from '@nestjs/cli/lib/compiler/plugins/plugin-metadata-generator';
import { ReadonlyVisitor } from '@nestjs/swagger/plugin';
import { repoPath } from './paths';

const src = repoPath('src');

/** Runs the plugin's visitor over src and writes `filename` into `outputDir`. */
export function generateMetadata(outputDir: string, filename = 'metadata.ts'): void {
  new PluginMetadataGenerator().generate({
    visitors: [
      new ReadonlyVisitor({
        introspectComments: true,
        classValidatorShim: true,
        dtoFileNameSuffix: ['.dto.ts'],
        pathToSource: src,
      }),
    ],
    outputDir,
    filename,
    tsconfigPath: 'tsconfig.build.json',
    printDiagnostics: false,
  });
}

/** `npm run metadata`: rewrites the committed src/metadata.ts. */
export const writeMetadata = (): void => generateMetadata(src);
