// Peak RSS growth of the app while it takes one 30 MB post_call_audio webhook (issue: under 4×
// the body size). Samples /proc every 20 ms around a single signed request.
import { createHmac } from 'node:crypto';
import type { AppProcess } from '../support/app-process';
import { SECRETS } from './workloads';

export async function audioMemory(app: AppProcess, bodyMb = 30): Promise<Record<string, number>> {
  const audio = Buffer.alloc(Math.floor(((bodyMb * 1024 * 1024) / 4) * 3), 0x42);
  audio.write('ID3');
  const body = JSON.stringify({
    type: 'post_call_audio',
    event_timestamp: Math.floor(Date.now() / 1000),
    data: { conversation_id: `conv_audio_${Date.now()}`, full_audio: audio.toString('base64') },
  });
  const t = Math.floor(Date.now() / 1000);
  const signature = `t=${t},v0=${createHmac('sha256', SECRETS.elevenlabs).update(`${t}.`).update(body).digest('hex')}`;
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const before = app.rssMb();
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, app.rssMb());
  }, 20);
  const res = await fetch(`${app.url}/webhook/post-call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'elevenlabs-signature': signature },
    body,
  });
  await res.arrayBuffer();
  await new Promise((resolve) => setTimeout(resolve, 300));
  clearInterval(sampler);
  const bodyMbExact = Buffer.byteLength(body) / 1024 / 1024;
  return {
    status: res.status,
    body_mb: Math.round(bodyMbExact * 10) / 10,
    rss_before_mb: Math.round(before),
    rss_peak_mb: Math.round(peak),
    growth_mb: Math.round(peak - before),
    growth_x_body: Math.round(((peak - before) / bodyMbExact) * 100) / 100,
  };
}
