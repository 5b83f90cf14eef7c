// Unknown fields in a Kubernetes manifest (a typo such as `topologySpreadConstraint`) pass the
// API's JSON schemas, which allow extra properties, but the API server drops them silently.
// TypeScript's excess-property check against kubernetes-models' types catches them: each
// manifest becomes an object literal typed as its kind, compiled in memory.
import { join } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..');

/** `apiVersion/kind` → the kubernetes-models module and interface that type it. */
const TYPES: Record<string, [string, string]> = {
  'apps/v1/Deployment': ['kubernetes-models/apps/v1/Deployment', 'IDeployment'],
  'policy/v1/PodDisruptionBudget': [
    'kubernetes-models/policy/v1/PodDisruptionBudget',
    'IPodDisruptionBudget',
  ],
  'v1/Service': ['kubernetes-models/v1/Service', 'IService'],
  'v1/ConfigMap': ['kubernetes-models/v1/ConfigMap', 'IConfigMap'],
  'v1/Secret': ['kubernetes-models/v1/Secret', 'ISecret'],
};

/** Type errors of the manifests (empty when every field is one Kubernetes knows). */
export function strictManifestErrors(
  manifests: { name: string; json: Record<string, unknown> }[],
): string[] {
  const file = join(ROOT, 'test', '__k8s_manifests__.ts');
  const lines: string[] = [];
  manifests.forEach(({ name, json }, i) => {
    const type = TYPES[`${String(json.apiVersion)}/${String(json.kind)}`];
    if (!type)
      throw new Error(`${name}: no type for ${String(json.apiVersion)} ${String(json.kind)}`);
    lines.push(`import type { ${type[1]} as T${i} } from '${type[0]}';`);
    lines.push(`// ${name}\nexport const m${i}: T${i} = ${JSON.stringify(json, null, 2)};`);
  });
  const source = lines.join('\n');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    target: ts.ScriptTarget.ES2022,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  const exists = host.fileExists.bind(host);
  const getSource = host.getSourceFile.bind(host);
  host.readFile = (path) => (path === file ? source : read(path));
  host.fileExists = (path) => path === file || exists(path);
  host.getSourceFile = (path, version, onError, create) =>
    path === file
      ? ts.createSourceFile(path, source, version, true)
      : getSource(path, version, onError, create);
  const program = ts.createProgram([file], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file || d.start === undefined) return text;
    const { line } = d.file.getLineAndCharacterOfPosition(d.start);
    const manifest = source
      .split('\n')
      .slice(0, line)
      .reverse()
      .find((l) => l.startsWith('// '));
    return `${manifest?.slice(3) ?? '?'}: ${text}`;
  });
}
