// The campaign package: HOC's questionnaire turned into a voice-agent script and agent.

/** HOC's question type: text, date, boolean, number, choice, … (kept as HOC sends it). */
export type QuestionType = string;

export interface PackageQuestion {
  id: string;
  text: string;
  type: QuestionType;
  required: boolean;
  /** 1-based position in the interview. */
  order: number;
}

/** What setup-campaign did to the campaign's ElevenLabs agent. */
export type AgentProvisioning = 'created' | 'updated' | 'not_configured';

export interface PackageAgent {
  name: string;
  /** The ElevenLabs agent of this campaign; null when ELEVENLABS_API_KEY is not set. */
  agent_id: string | null;
  provisioning: AgentProvisioning;
  /** System prompt with `{{company_name}}`, `{{candidate_first_name}}`, `{{candidate_last_name}}` left for each call. */
  prompt_template: string;
  first_message_template: string;
  /** The template files the script came from (built-in or an operator's override). */
  template_source: { prompt: string; first_message: string };
}

export interface CampaignPackage {
  package_id: string;
  campaign_id: string;
  /** The questionnaire's company name, for information only: calls name the trigger-call's company. */
  company_name: string | null;
  job_title: string | null;
  language: string;
  job_facts: string[];
  questions: PackageQuestion[];
  question_count: number;
  agent: PackageAgent;
  /** SHA-256 of the normalised questionnaire the package was built from. */
  source_hash: string;
  created_at: string;
}
