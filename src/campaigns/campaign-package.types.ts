// The campaign package: HOC's questionnaire turned into a voice-agent script.

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

export interface CampaignPackage {
  package_id: string;
  campaign_id: string;
  company_name: string;
  job_title: string | null;
  language: string;
  questions: PackageQuestion[];
  question_count: number;
  agent: {
    name: string;
    /** System prompt with `{{candidate_first_name}}`-style placeholders for the call's variables. */
    prompt_template: string;
    first_message_template: string;
  };
  /** SHA-256 of the normalised questionnaire the package was built from. */
  source_hash: string;
  created_at: string;
}
