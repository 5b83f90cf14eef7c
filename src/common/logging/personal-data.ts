// Error and warning text (a job's failure, an upstream's answer, a driver's message) is not ours
// to shape: it can quote a phone number, a WhatsApp id, an e-mail address or a conversation id.
// Such text is scrubbed before it is logged. Names and free text cannot be recognised; they
// stay out of the log because no line of ours interpolates them (see docs/request-path.md).

const PATTERNS: [RegExp, string][] = [
  [/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[email]'], // e-mail addresses and WhatsApp ids (…@s.whatsapp.net)
  // Phone numbers: with + and separators, or seven digits and more in a row (dates and UUIDs stay).
  [/\+\d[\d ()-]{5,}\d|\d{7,}/g, '[number]'],
  [/\bconv_[A-Za-z0-9]+/g, 'conv_[id]'], // ElevenLabs conversation ids name one person's call
];

/** `text` with phone numbers, addresses and conversation ids replaced. */
export function scrubPersonalData(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
