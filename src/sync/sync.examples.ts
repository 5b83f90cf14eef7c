// Request examples for the OpenAPI document, from the provider fixtures.
import notionCreated from '../docs/examples/notion/page_created.json';
import notionVerification from '../docs/examples/notion/verification.json';
import envelope from '../docs/examples/seed/sync_envelope.json';
import supabaseDelete from '../docs/examples/supabase/delete.json';
import supabaseInsert from '../docs/examples/supabase/insert.json';
import supabaseUpdate from '../docs/examples/supabase/update.json';

export const SYNC_EXAMPLES = {
  supabase: {
    insert: { summary: 'INSERT', value: supabaseInsert },
    update: { summary: 'UPDATE', value: supabaseUpdate },
    delete: { summary: 'DELETE', value: supabaseDelete },
    envelope: { summary: 'Envelope of the replaced service', value: envelope },
  },
  notion: {
    event: { summary: 'page.created', value: notionCreated },
    handshake: { summary: 'Verification handshake (unsigned)', value: notionVerification },
  },
};
