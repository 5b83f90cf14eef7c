// A talk-page conversation gets its conversation id from ElevenLabs when the candidate presses
// start, not when trigger-call mints the link. The page passes the link call's id as the dynamic
// variable `conversation_reference`, which ElevenLabs echoes back in every post-call webhook;
// that is how the webhook finds its call instead of creating an orphan record.
import type { CallRow } from './call-row.types';

/** The dynamic variable that carries the link call's id through the widget conversation. */
export const CONVERSATION_REFERENCE = 'conversation_reference';

export interface ResolvedCall {
  /** The call record the results belong to. */
  callId: string;
  /** Set when that is a link call other than the ElevenLabs conversation id. */
  linkCall: boolean;
}

/**
 * The call a post-call payload belongs to: the link call it references when that exists and is a
 * link call of the same campaign, else the conversation's own record.
 */
export async function resolveCallForConversation(
  conversationId: string,
  dynamicVariables: Record<string, unknown>,
  findCall: (conversationId: string) => Promise<Pick<CallRow, 'mode' | 'campaignId'> | undefined>,
): Promise<ResolvedCall> {
  const reference = dynamicVariables[CONVERSATION_REFERENCE];
  if (typeof reference !== 'string' || !reference || reference === conversationId)
    return { callId: conversationId, linkCall: false };
  const call = await findCall(reference);
  const campaign = dynamicVariables.campaign_id;
  const sameCampaign =
    campaign === undefined ||
    ((typeof campaign === 'string' || typeof campaign === 'number') &&
      String(campaign) === call?.campaignId);
  return call?.mode === 'link' && sameCampaign
    ? { callId: reference, linkCall: true }
    : { callId: conversationId, linkCall: false };
}
