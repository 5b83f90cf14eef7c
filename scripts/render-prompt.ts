// Prints the interview script one call would get: `npm run prompt -- [questionnaire.json] [company]`.
// Reads templates as set-up does (DATA_DIR/templates overrides first), so operators can try theirs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCampaignScript, renderCallScript } from '../src/campaigns/agent-script';
import { loadScriptTemplates } from '../src/campaigns/script-templates';
import { validateEnv } from '../src/config/validate-env';
import { normaliseQuestionnaire } from '../src/integrations/hoc/questionnaire';

async function main(): Promise<void> {
  const file = process.argv[2] ?? join(__dirname, '../src/docs/examples/hoc/questionnaire.json');
  const company = process.argv[3] ?? 'Robert Bosch Krankenhaus';
  const questionnaire = normaliseQuestionnaire(JSON.parse(readFileSync(file, 'utf8')));
  if (!questionnaire) throw new Error(`${file} holds no question list`);
  // The app's settings (defaults, old names) for agent name, language and DATA_DIR's templates.
  const env = validateEnv(process.env);
  const language = questionnaire.language ?? env.AGENT_LANGUAGE;
  const templates = await loadScriptTemplates(env.DATA_DIR, questionnaire.campaign_id, language);
  const script = buildCampaignScript(templates, {
    agentName: env.AGENT_NAME,
    language,
    jobTitle: questionnaire.job_title,
    jobFacts: questionnaire.job_facts,
    questions: questionnaire.questions,
  });
  const call = renderCallScript(script, {
    company_name: company,
    candidate_first_name: 'Max',
    candidate_last_name: 'Mustermann',
    campaign_id: questionnaire.campaign_id ?? '',
  });
  process.stdout.write(
    `First message:\n${call.firstMessage}\n\nPrompt (${call.prompt.length} characters):\n${call.prompt}\n`,
  );
}

void main();
