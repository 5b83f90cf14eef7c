/** ElevenLabs' conversation id; also what makes a file path safe: nothing but these characters
 * reaches the filesystem. */
export const CONVERSATION_ID = /^[A-Za-z0-9_-]{1,128}$/;
