// The public view of a call record, with download links for its artefacts.
import type { CallRow } from './call-row.types';
import type { CallViewDto } from './dto/call-view.dto';

export function toCallView(row: CallRow, publicBaseUrl: string): CallViewDto {
  const artefacts = Object.fromEntries(
    Object.entries(row.artefacts).map(([kind, artefact]) => [
      kind,
      {
        ...artefact,
        url: `${publicBaseUrl}/calls/${encodeURIComponent(artefact.conversation_id ?? row.conversationId)}/artefacts/${kind}`,
      },
    ]),
  );
  return {
    conversation_id: row.conversationId,
    campaign_id: row.campaignId,
    candidate: { first_name: row.candidateFirstName, last_name: row.candidateLastName },
    company: row.companyName,
    to_number: row.toNumber,
    mode: row.mode,
    status: row.status,
    timeline: row.timeline,
    request: row.request,
    results: row.results,
    artefacts,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
