// What each post-call artefact is as a file: its content type, and its name in the old
// PAYLOAD_DIR layout (`{id}/{id}_transcription.json`), which the optional mirror keeps.
import type { ArtefactKind } from '../events/artefacts.repository';

export type { ArtefactKind };

export const ARTEFACT_KINDS: Record<ArtefactKind, { suffix: string; contentType: string }> = {
  transcription: { suffix: 'transcription.json', contentType: 'application/json' },
  audio: { suffix: 'audio.mp3', contentType: 'audio/mpeg' },
  failure: { suffix: 'failure.json', contentType: 'application/json' },
};

/** `{id}/{id}_transcription.json`: the artefact's name in the PAYLOAD_DIR layout. */
export function artefactPath(conversationId: string, kind: ArtefactKind): string {
  return `${conversationId}/${conversationId}_${ARTEFACT_KINDS[kind].suffix}`;
}
