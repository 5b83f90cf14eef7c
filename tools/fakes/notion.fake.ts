// The Notion API on 127.0.0.1: `GET /v1/pages/{id}` and `GET /v1/databases/{id}` from memory.
import { FakeServer } from './fake-server';

export class FakeNotion extends FakeServer {
  readonly pages = new Map<string, Record<string, unknown>>();

  constructor(readonly apiKey = 'fake-notion-key') {
    super('Notion');
    this.on('GET', /^\/v1\/(pages|databases)\/[A-Za-z0-9-]+$/, (req) => {
      if (req.headers.authorization !== `Bearer ${this.apiKey}`) {
        return {
          status: 401,
          body: {
            object: 'error',
            status: 401,
            code: 'unauthorized',
            message: 'API token is invalid.',
          },
        };
      }
      const page = this.pages.get(req.path.split('/').pop() as string);
      if (!page)
        return {
          status: 404,
          body: {
            object: 'error',
            status: 404,
            code: 'object_not_found',
            message: 'Could not find page.',
          },
        };
      return { status: 200, body: page };
    });
  }

  put(page: Record<string, unknown>): void {
    this.pages.set(String(page.id), page);
  }
}
