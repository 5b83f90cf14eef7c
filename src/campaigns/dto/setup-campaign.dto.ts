import { Transform } from 'class-transformer';
import { IsBoolean, IsDefined, IsOptional, IsString, Matches } from 'class-validator';

/** HOC sends campaign ids as numbers or strings ("16" or 16). */
export const toCampaignId = ({ value }: { value: unknown }): unknown =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? String(value) : value;

export const CAMPAIGN_ID = /^[A-Za-z0-9_-]{1,64}$/;

export class SetupCampaignDto {
  /** HOC's campaign id, string or number. @example "16" */
  @IsDefined()
  @Transform(toCampaignId)
  @IsString({ message: 'campaign_id must be a string or a whole number' })
  @Matches(CAMPAIGN_ID, { message: 'campaign_id must be 1–64 characters of A-Z a-z 0-9 _ -' })
  campaign_id!: string;

  /** Rebuild even when a package exists. @example false */
  @IsOptional()
  @IsBoolean()
  force_rebuild?: boolean;
}

export class SetupCampaignResponseDto {
  /** @example "success" */
  status!: 'success';
  package_id!: string;
  /** @example "http://localhost:3000/campaigns/16/package" */
  download_url!: string;
  /** @example 3 */
  question_count!: number;
  /** The questionnaire's company name (null when HOC has none); calls name trigger-call's company_name. @example "Tech Startup GmbH" */
  company_name!: string | null;
  /** The campaign's ElevenLabs agent; null without ELEVENLABS_API_KEY (calls then use ELEVENLABS_AGENT_ID). @example "agent_2101kab7rs5tefesz0gm66418aw1" */
  agent_id!: string | null;
  /** What set-up did to the agent: `created`, `updated`, or `not_configured` (no ELEVENLABS_API_KEY). @example "created" */
  agent!: 'created' | 'updated' | 'not_configured';
  /** True when the stored package was returned without rebuilding. */
  cached!: boolean;
  /**
   * The package's upload to HOC: `disabled` (HOC_UPLOAD_ENABLED off), `queued` (its job has not
   * finished), `uploaded`, or `failed` (retries exhausted). A cached answer reports the real state.
   */
  upload!: 'disabled' | 'queued' | 'uploaded' | 'failed';
}

export class PackageQuestionDto {
  /** @example "q1" */
  id!: string;
  /** @example "Wie viele Jahre Berufserfahrung haben Sie in der Pflege?" */
  text!: string;
  /** @example "text" */
  type!: string;
  required!: boolean;
  /** @example 1 */
  order!: number;
}

export class TemplateSourceDto {
  /** @example "built-in:prompt.de.txt" */
  prompt!: string;
  /** @example "built-in:first-message.de.txt" */
  first_message!: string;
}

export class AgentScriptDto {
  /** @example "Susi" */
  name!: string;
  /** @example "agent_2101kab7rs5tefesz0gm66418aw1" */
  agent_id!: string | null;
  /** created, updated or not_configured. @example "created" */
  provisioning!: string;
  /** With `{{company_name}}`, `{{candidate_first_name}}` and `{{candidate_last_name}}` left for each call. */
  prompt_template!: string;
  /** @example "Guten Tag, hier spricht Susi, die digitale Recruiting-Assistentin von {{company_name}}. Spreche ich mit {{candidate_first_name}} {{candidate_last_name}}?" */
  first_message_template!: string;
  template_source!: TemplateSourceDto;
}

export class CampaignPackageDto {
  package_id!: string;
  /** @example "16" */
  campaign_id!: string;
  /** @example "Tech Startup GmbH" */
  company_name!: string | null;
  /** @example "Pflegefachkraft (m/w/d)" */
  job_title!: string | null;
  /** @example "de" */
  language!: string;
  /** What the agent may tell candidates about the job. @example ["Vollzeit, 38,5 Stunden"] */
  job_facts!: string[];
  questions!: PackageQuestionDto[];
  /** @example 3 */
  question_count!: number;
  agent!: AgentScriptDto;
  source_hash!: string;
  created_at!: string;
  /** disabled, queued, uploaded or failed. @example "uploaded" */
  upload_status!: string;
}
