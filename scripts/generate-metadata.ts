// `npm run metadata`: the swagger plugin's view of the DTOs, written to src/metadata.ts.
import { writeMetadata } from '../tools/swagger-metadata';

writeMetadata();
