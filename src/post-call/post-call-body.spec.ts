import { decodeBase64Slice, decodePostCallBody, looksLikeMp3 } from './post-call-body';

const mp3 = Buffer.concat([Buffer.from('ID3'), Buffer.alloc(5000, 0xab)]);

describe('decodePostCallBody', () => {
  it('slices full_audio out of the JSON and decodes it byte-exact', async () => {
    const raw = Buffer.from(
      JSON.stringify({
        type: 'post_call_audio',
        event_timestamp: 1,
        data: { conversation_id: 'c1', full_audio: mp3.toString('base64') },
      }),
    );
    const decoded = await decodePostCallBody(raw, 'application/json');
    expect(decoded.audio).toEqual(mp3);
    expect(decoded.body).toEqual({
      type: 'post_call_audio',
      event_timestamp: 1,
      data: { conversation_id: 'c1', full_audio: '' },
    });
  });

  it('decodes audio larger than one slice', async () => {
    const big = Buffer.alloc(7 * 1024 * 1024, 7);
    big.write('ID3');
    const raw = Buffer.from(
      `{"type":"post_call_audio","data":{"full_audio": "${big.toString('base64')}","conversation_id":"c2"}}`,
    );
    const decoded = await decodePostCallBody(raw, 'application/json');
    expect(decoded.audio!.equals(big)).toBe(true);
  });

  it('does not mistake "full_audio" inside another string for the field', async () => {
    const raw = Buffer.from(
      JSON.stringify({
        type: 'x',
        note: '"full_audio":"AAAA"',
        data: { conversation_id: 'c3', full_audio: 'SUQz' },
      }),
    );
    const decoded = await decodePostCallBody(raw, 'application/json');
    expect(decoded.audio).toEqual(Buffer.from('ID3'));
    expect(decoded.body.note).toBe('"full_audio":"AAAA"');
  });

  it('rejects base64 with foreign characters', async () => {
    const raw = Buffer.from(
      JSON.stringify({
        type: 'post_call_audio',
        data: { conversation_id: 'c', full_audio: 'SUQz!!!!' },
      }),
    );
    await expect(decodePostCallBody(raw, 'application/json')).rejects.toMatchObject({
      init: { code: 'invalid_audio' },
    });
  });

  it('rejects malformed JSON and an empty body', async () => {
    await expect(
      decodePostCallBody(Buffer.from('{"type":'), 'application/json'),
    ).rejects.toMatchObject({ init: { code: 'invalid_json' } });
    await expect(decodePostCallBody(Buffer.alloc(0), 'application/json')).rejects.toMatchObject({
      init: { code: 'invalid_body' },
    });
  });

  it('reads the multipart form', async () => {
    const boundary = 'XyZ';
    const raw = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="conversation_id"\r\n\r\nconv_mp\r\n`,
      ),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="audio"; filename="a.mp3"\r\nContent-Type: audio/mpeg\r\n\r\n`,
      ),
      mp3,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const decoded = await decodePostCallBody(raw, `multipart/form-data; boundary=${boundary}`);
    expect(decoded).toMatchObject({
      format: 'multipart',
      body: { type: 'post_call_audio', data: { conversation_id: 'conv_mp' } },
    });
    expect(decoded.audio).toEqual(mp3);
  });
});

describe('decodeBase64Slice', () => {
  it('decodes a slice of a larger buffer', () => {
    const raw = Buffer.from('xx' + Buffer.from('hello').toString('base64') + 'yy');
    expect(decodeBase64Slice(raw, 2, raw.length - 2).toString()).toBe('hello');
  });
});

describe('looksLikeMp3', () => {
  it('accepts ID3 and frame sync, rejects other bytes', () => {
    expect(looksLikeMp3(Buffer.from('ID3\x04'))).toBe(true);
    expect(looksLikeMp3(Buffer.from([0xff, 0xfb, 0x90]))).toBe(true);
    expect(looksLikeMp3(Buffer.from('RIFF....WAVE'))).toBe(false);
    expect(looksLikeMp3(Buffer.alloc(0))).toBe(false);
  });
});
