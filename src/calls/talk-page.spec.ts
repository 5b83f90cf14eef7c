import type { CallRow } from './call-row.types';
import { renderTalkPage } from './talk-page';

const call = (companyName: string) =>
  ({
    conversationId: 'link_abc',
    campaignId: '16',
    candidateFirstName: 'Max',
    candidateLastName: 'Mustermann',
    companyName,
  }) as CallRow;

const page = (companyName: string, language: string) =>
  renderTalkPage({
    call: call(companyName),
    agentId: 'agent_1',
    agentName: 'Susi',
    language,
    prompt: `Du bist Susi von ${companyName}.`,
    firstMessage: 'Guten Tag',
    serverLocation: 'global',
    widget: { fileName: 'convai-widget-0.5.4.js', integrity: 'sha384-x' },
  });

describe('talk page', () => {
  it('labels the widget and the page in German, with a privacy notice and no inline script', () => {
    const html = page('Robert Bosch Krankenhaus', 'de');
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('&quot;start_call&quot;:&quot;Gespräch starten&quot;');
    expect(html).toContain('override-language="de"');
    expect(html).toContain('Datenschutz');
    expect(html).not.toMatch(/<script>(?!<)/);
    expect(html).toContain('<script src="/talk/assets/talk-page.js"></script>');
  });

  it('speaks English for an English call', () => {
    const html = page('Acme', 'en-GB');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('&quot;start_call&quot;:&quot;Start the conversation&quot;');
    expect(html).toContain('Hello Max!');
  });

  it('escapes what the request supplied, in text and in attributes', () => {
    const html = page('"><script>alert(1)</script>', 'de');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toContain('"><script>');
    expect(html).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
