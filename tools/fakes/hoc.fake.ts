// HOC's API on 127.0.0.1: questionnaires by campaign id, and package uploads it records.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeServer } from './fake-server';

export class FakeHoc extends FakeServer {
  readonly questionnaires = new Map<string, unknown>();

  constructor(readonly apiKey = 'fake-hoc-key') {
    super('HOC');
    const fixture = JSON.parse(
      readFileSync(join(__dirname, '../../src/docs/examples/hoc/questionnaire.json'), 'utf8'),
    ) as unknown;
    this.questionnaires.set('123', fixture);
    this.on('GET', '/questionnaire/:id', (req) => {
      if (req.headers.authorization !== `Bearer ${this.apiKey}`)
        return { status: 401, body: { detail: 'unauthorized' } };
      const found = this.questionnaires.get(
        decodeURIComponent(req.path.split('/').pop() as string),
      );
      return found
        ? { status: 200, body: found }
        : { status: 404, body: { detail: 'Campaign not found' } };
    });
    this.on('POST', '/campaigns/:id/package', (req) =>
      req.headers.authorization === `Bearer ${this.apiKey}`
        ? { status: 201, body: { ok: true } }
        : { status: 401, body: { detail: 'unauthorized' } },
    );
  }

  questionnaireFetches(campaignId: string): number {
    return this.received('GET', `/questionnaire/${campaignId}`).length;
  }
}
