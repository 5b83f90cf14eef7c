// Renders the OpenAPI document exactly as /docs-json serves it, for the committed openapi.json.
// Nest's preview mode resolves the module graph without creating providers: no database, no
// queue, no server, and the same routes and DTOs the running app documents.
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module';
import { buildOpenApiDocument } from '../src/bootstrap/swagger';
import { validateEnv } from '../src/config/validate-env';

export async function renderOpenApi(): Promise<string> {
  // The defaults: routes and DTOs do not depend on settings.
  const app = await NestFactory.create(AppModule.forRoot(validateEnv({})), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  try {
    const document = await buildOpenApiDocument(app);
    return `${JSON.stringify(document, null, 2)}\n`;
  } finally {
    await app.close();
  }
}
