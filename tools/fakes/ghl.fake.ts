// GoHighLevel's Conversations API on 127.0.0.1: records the replies sent over WhatsApp.
import { FakeServer } from './fake-server';

export class FakeGhl extends FakeServer {
  /** Contacts by E.164 phone, for `GET /contacts/search/duplicate`. */
  readonly contacts = new Map<string, string>();

  constructor(
    readonly token = 'fake-ghl-token',
    readonly locationId = 'loc_fake',
  ) {
    super('GoHighLevel');
    this.on('GET', '/contacts/search/duplicate', (req) => {
      if (req.headers.authorization !== `Bearer ${this.token}`)
        return { status: 401, body: { message: 'Invalid token' } };
      if (req.headers.version !== '2021-07-28')
        return { status: 400, body: { message: 'Version header missing' } };
      if (req.query.get('locationId') !== this.locationId)
        return {
          status: 403,
          body: { message: 'The token does not have access to this location' },
        };
      const id = this.contacts.get(req.query.get('number') ?? '');
      return { status: 200, body: { contact: id ? { id, locationId: this.locationId } : null } };
    });
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
