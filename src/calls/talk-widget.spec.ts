import { readFileSync } from 'node:fs';
import { serverLocation, talkPageCsp, widgetAsset } from './talk-widget';

describe('talk widget', () => {
  it('serves the pinned package version without the Google Fonts import, with its integrity', () => {
    const asset = widgetAsset();
    const { version } = JSON.parse(
      readFileSync(require.resolve('@elevenlabs/convai-widget-embed/package.json'), 'utf8'),
    ) as { version: string };
    expect(asset.fileName).toBe(`convai-widget-${version}.js`);
    expect(asset.body.toString()).toContain('customElements.define');
    expect(asset.body.toString()).not.toContain('fonts.googleapis.com');
    expect(asset.integrity).toMatch(/^sha384-[A-Za-z0-9+/]{64}$/);
  });

  it('follows the API host to the widget server location and the CSP', () => {
    expect(serverLocation('https://api.elevenlabs.io')).toEqual({
      location: 'global',
      api: 'https://api.elevenlabs.io',
      ws: 'wss://api.elevenlabs.io',
    });
    expect(serverLocation('https://api.eu.residency.elevenlabs.io').location).toBe('eu-residency');
    // A fake or proxy URL: the browser still talks to ElevenLabs' global API.
    expect(serverLocation('http://127.0.0.1:4000').api).toBe('https://api.elevenlabs.io');
    const csp = talkPageCsp('https://api.eu.residency.elevenlabs.io');
    expect(csp).toContain("script-src 'self' blob:");
    expect(csp).toContain('wss://api.eu.residency.elevenlabs.io');
    expect(csp).not.toContain('unpkg');
    expect(csp).toContain("default-src 'none'");
  });
});
