import { Transform } from 'class-transformer';
import { IsDefined, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CAMPAIGN_ID, toCampaignId } from '../../campaigns/dto/setup-campaign.dto';

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

export class TriggerCallDto {
  /** @example 123 */
  @IsDefined()
  @Transform(toCampaignId)
  @IsString({ message: 'campaign_id must be a string or a whole number' })
  @Matches(CAMPAIGN_ID, { message: 'campaign_id must be 1–64 characters of A-Z a-z 0-9 _ -' })
  campaign_id!: string;

  /** @example "Tech Startup GmbH" */
  @IsDefined()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  company_name!: string;

  /** @example "Max" */
  @IsDefined()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  candidate_first_name!: string;

  /** @example "Mustermann" */
  @IsDefined()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  candidate_last_name!: string;

  /** E.164; dialled only with CALL_MODE=phone, else ignored and a talk link is answered. @example "+491701234567" */
  @IsOptional()
  @IsString()
  @Matches(/^\+[1-9]\d{6,14}$/, {
    message: 'to_number must be an E.164 number such as +491701234567',
  })
  to_number?: string;

  /** Caller number id at ElevenLabs; defaults to ELEVENLABS_PHONE_NUMBER_ID. @example "phnum_01jx000000" */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,128}$/, {
    message: 'agent_phone_number_id must be 1–128 characters of A-Z a-z 0-9 _ -',
  })
  agent_phone_number_id?: string;
}

export class TriggerCallDataDto {
  /** Which ran: `phone` (a call to `to_number`, CALL_MODE=phone) or `link` (a talk link; `to_number` ignored). @example "link" */
  mode!: 'phone' | 'link';
  /** As sent: a number stays a number. @example 123 */
  campaign_id!: string | number;
  /** @example "Max Mustermann" */
  candidate!: string;
  /** @example "Tech Startup GmbH" */
  company!: string;
  /** @example "+491701234567" */
  to_number!: string | null;
  /** @example "conv_01jx9abcdef" */
  conversation_id!: string;
  /** `initiated` (phone) or `link_created` (link mode). @example "initiated" */
  call_status!: string;
  /** False when neither a package nor HOC had a questionnaire; the call proceeds anyway. */
  questionnaire_loaded!: boolean;
  timestamp!: string;
  /** @example 4651 */
  prompt_length!: number;
  /** @example "Guten Tag, hier spricht Susi, die digitale Recruiting-Assistentin von Tech Startup GmbH. Spreche ich mit Max Mustermann?" */
  first_message!: string;
  /** Link mode only. @example "http://localhost:3000/talk/eyJ…" */
  conversation_link?: string;
}

export class TriggerCallResponseDto {
  /** @example "success" */
  status!: 'success';
  /** @example "Outbound call initiated successfully" */
  message!: string;
  data!: TriggerCallDataDto;
}
