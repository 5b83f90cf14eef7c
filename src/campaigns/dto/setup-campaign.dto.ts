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
  /** @example "Tech Startup GmbH" */
  company_name!: string;
  /** True when the stored package was returned without rebuilding. */
  cached!: boolean;
  /** `disabled`, or `queued` when HOC_UPLOAD_ENABLED sends it to HOC through the job queue. */
  upload!: 'disabled' | 'queued';
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

export class AgentScriptDto {
  /** @example "Susi" */
  name!: string;
  prompt_template!: string;
  /** @example "Guten Tag {{candidate_first_name}} {{candidate_last_name}}, hier spricht Susi von Tech Startup GmbH. …" */
  first_message_template!: string;
}

export class CampaignPackageDto {
  package_id!: string;
  /** @example "16" */
  campaign_id!: string;
  /** @example "Tech Startup GmbH" */
  company_name!: string;
  /** @example "Pflegefachkraft (m/w/d)" */
  job_title!: string | null;
  /** @example "de" */
  language!: string;
  questions!: PackageQuestionDto[];
  /** @example 3 */
  question_count!: number;
  agent!: AgentScriptDto;
  source_hash!: string;
  created_at!: string;
  /** disabled, queued, uploaded or failed. @example "uploaded" */
  upload_status!: string;
}
