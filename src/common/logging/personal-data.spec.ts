import { scrubPersonalData } from './personal-data';

describe('scrubPersonalData', () => {
  it('replaces phone numbers, WhatsApp ids, e-mail addresses and conversation ids', () => {
    expect(
      scrubPersonalData(
        'booking job 7 failed: thread 491701239999@s.whatsapp.net, +49 170 1234567, ' +
          'a@b.de, call conv_01abcXYZ gone',
      ),
    ).toBe('booking job 7 failed: thread [email], [number], [email], call conv_[id] gone');
  });

  it('keeps dates, durations and job ids readable', () => {
    const text = 'job 911986d5-1bdf-4587-a4d3-f25339d2f76c at 2026-12-04T13:00:00Z after 1500 ms';
    expect(scrubPersonalData(text)).toBe(text);
  });
});
