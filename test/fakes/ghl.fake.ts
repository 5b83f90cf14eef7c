// GoHighLevel's Conversations API on 127.0.0.1: records the replies sent over WhatsApp.
import { FakeServer } from './fake-server';

export class FakeGhl extends FakeServer {
  constructor(readonly token = 'fake-ghl-token') {
    super('GoHighLevel');
    this.on('POST', '/conversations/messages', (req) => {
      if (req.headers.authorization !== `Bearer ${this.token}`)
        return { status: 401, body: { message: 'Invalid token' } };
      if (req.headers.version !== '2021-04-15')
        return { status: 400, body: { message: 'Version header missing' } };
      return { status: 201, body: { conversationId: 'c1', messageId: `m${this.requests.length}` } };
    });
  }

  sent(): { type: string; contactId: string; message: string }[] {
    return this.received('POST', '/conversations/messages').map(
      (r) => r.json as { type: string; contactId: string; message: string },
    );
  }
}
