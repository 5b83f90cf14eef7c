// `npm run check:generated`: fails when src/metadata.ts is stale (see tools/generated-files.ts).
import { metadataIsCurrent } from '../tools/generated-files';

if (metadataIsCurrent()) {
  process.stdout.write('src/metadata.ts is current\n');
} else {
  process.stderr.write(
    'src/metadata.ts is stale: a DTO or controller changed. Run `npm run openapi` and commit both files.\n',
  );
  process.exitCode = 1;
}
