// The ElevenLabs conversation widget, served from our own origin: the exact version pinned in
// package.json (@elevenlabs/convai-widget-embed, MIT), read from node_modules once and kept in
// memory. Its one remote stylesheet (Google Fonts) is dropped: it would send the candidate's
// address to Google without consent (DSGVO), and the page's CSP forbids it anyway.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface WidgetAsset {
  version: string;
  /** Versioned file name: a new widget version gets a new URL (served immutable). */
  fileName: string;
  body: Buffer;
  /** Subresource integrity of `body`. */
  integrity: string;
}

const PACKAGE = '@elevenlabs/convai-widget-embed';
const GOOGLE_FONTS_IMPORT = /@import\s*"https:\/\/fonts\.googleapis\.com\/[^"]*";/g;

let cached: WidgetAsset | undefined;

export function widgetAsset(): WidgetAsset {
  if (cached) return cached;
  const packageJson = require.resolve(`${PACKAGE}/package.json`);
  const { version, main } = JSON.parse(readFileSync(packageJson, 'utf8')) as {
    version: string;
    main: string;
  };
  const source = readFileSync(join(dirname(packageJson), main), 'utf8');
  const body = Buffer.from(source.replace(GOOGLE_FONTS_IMPORT, ''));
  cached = {
    version,
    fileName: `convai-widget-${version}.js`,
    body,
    integrity: `sha384-${createHash('sha384').update(body).digest('base64')}`,
  };
  return cached;
}

/** Where the widget connects, by the ElevenLabs API the server uses (the widget knows these four). */
export function serverLocation(apiUrl: string): { location: string; api: string; ws: string } {
  const host = (() => {
    try {
      return new URL(apiUrl).host;
    } catch {
      return '';
    }
  })();
  const known: Record<string, string> = {
    'api.us.elevenlabs.io': 'us',
    'api.eu.residency.elevenlabs.io': 'eu-residency',
    'api.in.residency.elevenlabs.io': 'in-residency',
  };
  const location = known[host] ?? 'global';
  const apiHost = known[host] ? host : 'api.elevenlabs.io';
  return { location, api: `https://${apiHost}`, ws: `wss://${apiHost}` };
}

/**
 * Exactly what the page and the widget need: our own scripts and the widget's audio worklets
 * (created as blob: URLs), ElevenLabs' API and WebSocket (and LiveKit for WebRTC agents), the
 * widget's avatar texture and flag icons, inline styles in its shadow DOM. Nothing else.
 */
export function talkPageCsp(apiUrl: string): string {
  const { api, ws } = serverLocation(apiUrl);
  return [
    "default-src 'none'",
    "script-src 'self' blob:",
    "worker-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https://storage.googleapis.com/eleven-public-cdn/",
    "font-src 'self'",
    `connect-src 'self' ${api} ${ws} https://livekit.rtc.elevenlabs.io wss://livekit.rtc.elevenlabs.io`,
    "media-src 'self' blob: data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
