// The interview script's templates are files with `{{placeholders}}`: built-in ones ship in
// ./templates (German and English); an operator overrides them for every campaign in
// DATA_DIR/templates, or for one campaign in DATA_DIR/templates/campaigns/<campaign_id>.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export type TemplateLanguage = 'de' | 'en';

export interface ScriptTemplates {
  prompt: string;
  firstMessage: string;
  /** Where each template was read from, for the package and the operator. */
  source: { prompt: string; first_message: string };
}

export const BUILT_IN_TEMPLATES = join(__dirname, 'templates');

/** German for German, English for every other language (the agent still speaks `language`). */
export const templateLanguage = (language: string): TemplateLanguage =>
  language.toLowerCase().startsWith('de') ? 'de' : 'en';

/** The directories searched for a campaign's templates, most specific first. */
export function templateDirectories(dataDir: string, campaignId: string | null): string[] {
  const operator = join(dataDir, 'templates');
  return [
    ...(campaignId ? [join(operator, 'campaigns', campaignId)] : []),
    operator,
    BUILT_IN_TEMPLATES,
  ];
}

async function firstFile(directories: string[], name: string): Promise<[string, string]> {
  for (const directory of directories) {
    const path = join(directory, name);
    try {
      return [path, await readFile(path, 'utf8')];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  throw new Error(`No ${name} template in ${directories.join(', ')}`);
}

/** campaignId is validated upstream (A-Z a-z 0-9 _ -), so it is safe as a directory name. */
export async function loadScriptTemplates(
  dataDir: string,
  campaignId: string | null,
  language: string,
): Promise<ScriptTemplates> {
  const directories = templateDirectories(dataDir, campaignId);
  const lang = templateLanguage(language);
  const [promptPath, prompt] = await firstFile(directories, `prompt.${lang}.txt`);
  const [firstPath, firstMessage] = await firstFile(directories, `first-message.${lang}.txt`);
  const label = (path: string) =>
    path.startsWith(BUILT_IN_TEMPLATES)
      ? `built-in:${path.slice(BUILT_IN_TEMPLATES.length + 1)}`
      : path;
  return {
    prompt: prompt.trim(),
    firstMessage: firstMessage.trim(),
    source: { prompt: label(promptPath), first_message: label(firstPath) },
  };
}
