// The booking workflow on 127.0.0.1: records what it is handed and replies, optionally slowly.
import { FakeServer } from './fake-server';

export class FakeWorkflow extends FakeServer {
  /** Milliseconds to think per message, to expose ordering bugs under concurrency. */
  thinkMs: (message: string) => number = () => 0;

  constructor() {
    super('Booking workflow');
    this.on('POST', '/workflow', async (req) => {
      const body = req.json as { message: string };
      return {
        status: 200,
        body: { reply: `Gern! Antwort auf: ${body.message}` },
        delayMs: this.thinkMs(body.message),
      };
    });
  }

  get endpoint(): string {
    return `${this.url}/workflow`;
  }

  messages(): string[] {
    return this.received('POST', '/workflow').map((r) => (r.json as { message: string }).message);
  }
}
