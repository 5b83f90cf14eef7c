// Parsing helpers of the env schema: env values arrive as strings.

export const toBool = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? ['1', 'true', 'yes', 'on'].includes(value.trim().toLowerCase())
    : value;
export const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;
export const emptyToUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

export const BYTE_SIZE = /^\d+(\.\d+)?\s*(b|kb|mb|gb)?$/i;
export const URL_OPTS = {
  require_tld: false,
  require_protocol: true,
  protocols: ['http', 'https'],
};
