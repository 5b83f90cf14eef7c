// The deployment files must agree with the app: probe paths are real routes, ports match the
// app's PORT, the container runs as non-root, and templates hold placeholders only.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { parse, parseAllDocuments } from 'yaml';
import { NODE_FLAGS } from '../../src/bootstrap/node-flags';
import { REPO_ROOT as root } from '../../tools/paths';
import type { Json } from '../../tools/json';
import { strictManifestErrors } from '../support/k8s-strict';

const read = (path: string) => readFileSync(join(root, path), 'utf8');
const yamlFile = (path: string) => parse(read(path)) as Json;
const routes = Object.keys(
  (JSON.parse(read('openapi.json')) as { paths: Record<string, unknown> }).paths,
);
const APP_PORT = 3000;
/** The Kubernetes API's schemas (kubernetes-models bundles them, compiled: no network). */
const MODELS: Record<string, new (data: any) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'v1/Service': Service,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
};
const K8S = readdirSync(join(root, 'deploy/k8s'))
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => `deploy/k8s/${name}`);

describe('deployment files', () => {
  it('the probed routes exist in the API', () => {
    expect(routes).toEqual(expect.arrayContaining(['/health', '/health/ready']));
  });

  describe('Kubernetes', () => {
    const deployment = yamlFile('deploy/k8s/deployment.yaml');
    const container = deployment.spec.template.spec.containers[0];

    it('runs two replicas of a non-root, read-only container with resources', () => {
      expect(deployment.spec.replicas).toBe(2);
      expect(deployment.spec.template.spec.securityContext).toMatchObject({ runAsNonRoot: true });
      expect(container.securityContext).toMatchObject({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
      });
      expect(container.resources.requests).toBeDefined();
      expect(container.resources.limits).toBeDefined();
    });

    it('probes liveness on /health and readiness on /health/ready on the app port', () => {
      expect(container.ports).toEqual([{ name: 'http', containerPort: APP_PORT }]);
      expect(container.livenessProbe.httpGet).toEqual({ path: '/health', port: 'http' });
      expect(container.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
      expect(container.startupProbe.httpGet.path).toBe('/health');
    });

    it('takes its settings from the ConfigMap and the Secret it ships templates for', () => {
      const configMap = yamlFile('deploy/k8s/configmap.yaml');
      const secret = yamlFile('deploy/k8s/secret.example.yaml');
      expect(container.envFrom).toEqual([
        { configMapRef: { name: configMap.metadata.name } },
        { secretRef: { name: secret.metadata.name } },
      ]);
      expect(configMap.data.PORT).toBe(String(APP_PORT));
      expect(secret.stringData).toMatchObject({
        DATABASE_URL: expect.stringMatching(/^postgres:\/\//),
        REDIS_URL: expect.stringMatching(/^redis:\/\//),
      });
      for (const [key, value] of Object.entries(secret.stringData as Record<string, string>)) {
        if (!['DATABASE_URL', 'REDIS_URL'].includes(key)) expect(value).toMatch(/change-me/);
      }
    });

    it('every manifest is valid against the Kubernetes API schemas (kubernetes-models)', () => {
      const checked: string[] = [];
      for (const path of K8S) {
        for (const doc of parseAllDocuments(read(path))) {
          const manifest = doc.toJSON() as Json;
          const Model = MODELS[`${manifest.apiVersion}/${manifest.kind}`];
          expect({ path, kind: manifest.kind, model: Boolean(Model) }).toEqual({
            path,
            kind: manifest.kind,
            model: true,
          });
          expect(() => new Model(manifest).validate()).not.toThrow();
          checked.push(`${path}: ${manifest.kind}`);
        }
      }
      expect(checked).toEqual(
        expect.arrayContaining([
          'deploy/k8s/deployment.yaml: Deployment',
          'deploy/k8s/pdb.yaml: PodDisruptionBudget',
          'deploy/k8s/service.yaml: Service',
          'deploy/k8s/configmap.yaml: ConfigMap',
          'deploy/k8s/secret.example.yaml: Secret',
        ]),
      );
    });

    it('no manifest has a field Kubernetes does not know (typed against kubernetes-models)', () => {
      const manifests = K8S.flatMap((path) =>
        parseAllDocuments(read(path)).map((doc) => ({ name: path, json: doc.toJSON() as Json })),
      );
      expect(strictManifestErrors(manifests)).toEqual([]);
      const typo = structuredClone(deployment);
      typo.spec.template.spec.topologySpreadConstraint = [];
      expect(strictManifestErrors([{ name: 'typo', json: typo }]).join('\n')).toMatch(
        /topologySpreadConstraint/,
      );
    }, 60_000);

    it('the schema check does catch a broken manifest', () => {
      const broken = structuredClone(deployment);
      broken.spec.replicas = 'two';
      expect(() => new Deployment(broken).validate()).toThrow(/replicas must be integer/);
    });

    it('survives drains and outages: PodDisruptionBudget, spread over nodes and zones, preStop', () => {
      const pdb = yamlFile('deploy/k8s/pdb.yaml');
      expect(pdb.spec.selector.matchLabels).toEqual(deployment.spec.selector.matchLabels);
      expect(pdb.spec.minAvailable).toBeGreaterThanOrEqual(1);
      expect(pdb.spec.minAvailable).toBeLessThan(deployment.spec.replicas);
      const spread = deployment.spec.template.spec.topologySpreadConstraints as Json[];
      expect(spread.map((c) => c.topologyKey).sort()).toEqual([
        'kubernetes.io/hostname',
        'topology.kubernetes.io/zone',
      ]);
      for (const c of spread)
        expect(c.labelSelector.matchLabels).toEqual(deployment.spec.selector.matchLabels);
      expect(container.lifecycle.preStop.exec.command).toEqual(['sleep', '10']);
      expect(deployment.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThan(
        10 + 30 - 1,
      );
    });

    it('has memory for a 50 MB audio upload on top of the measured peak, and keeps no data on pod disks', () => {
      const mib = (q: string) => (q.endsWith('Gi') ? parseFloat(q) * 1024 : parseFloat(q));
      expect(mib(container.resources.requests.memory)).toBeGreaterThanOrEqual(512);
      expect(mib(container.resources.limits.memory)).toBeGreaterThanOrEqual(1024);
      const volumes = deployment.spec.template.spec.volumes as Json[];
      for (const volume of volumes) {
        expect(volume.emptyDir?.sizeLimit).toBeDefined(); // scratch only, bounded
      }
      const mounts = (container.volumeMounts as Json[]).map((m) => m.mountPath);
      const configMap = yamlFile('deploy/k8s/configmap.yaml');
      expect(mounts).toEqual(['/tmp']);
      expect(configMap.data.DATA_DIR).toBe('/tmp'); // the bounded scratch mount, nothing durable
      expect(configMap.data.PAYLOAD_DIR).toBeUndefined();
      expect(container.env).toBeUndefined();
      expect(yamlFile('deploy/k8s/secret.example.yaml').stringData.DATABASE_URL).toMatch(
        /^postgres/,
      );
    });

    it('routes the Service to the container port', () => {
      const service = yamlFile('deploy/k8s/service.yaml');
      expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
      expect(service.spec.ports[0].targetPort).toBe('http');
    });
  });

  it('render.yaml checks /health and wires PostgreSQL and Redis', () => {
    const render = yamlFile('render.yaml');
    const web = render.services.find((s: Json) => s.type === 'web');
    expect(web.healthCheckPath).toBe('/health');
    const env = Object.fromEntries(web.envVars.map((v: Json) => [v.key, v]));
    expect(env.PORT.value).toBe(String(APP_PORT));
    expect(env.DATABASE_URL.fromDatabase.name).toBe(render.databases[0].name);
    expect(env.REDIS_URL.fromService.name).toBe(
      render.services.find((s: Json) => s.type === 'keyvalue').name,
    );
  });

  it('render.yaml keeps data in Frankfurt, closes the database to the internet, protects /metrics', () => {
    const render = yamlFile('render.yaml');
    for (const item of [...render.services, ...render.databases]) {
      expect({ name: item.name, region: item.region }).toEqual({
        name: item.name,
        region: 'frankfurt',
      });
    }
    expect(render.databases[0].ipAllowList).toEqual([]);
    const web = render.services.find((s: Json) => s.type === 'web');
    const env = Object.fromEntries(web.envVars.map((v: Json) => [v.key, v]));
    expect(env.METRICS_TOKEN).toEqual({ key: 'METRICS_TOKEN', generateValue: true });
    expect(env.HOC_UPLOAD_ENABLED.value).toBe('true');
    expect(env.HOC_API_KEY).toEqual({ key: 'HOC_API_KEY', sync: false });
    expect(env.PAYLOAD_DIR).toBeUndefined();
    expect(web.disk).toBeUndefined();
  });

  it('docker-compose.yml runs the app with PostgreSQL and Redis and checks /health', () => {
    const compose = yamlFile('docker-compose.yml');
    const app = compose.services.app;
    expect(app.ports).toEqual([`${APP_PORT}:${APP_PORT}`]);
    expect(app.environment.PORT).toBe(String(APP_PORT));
    expect(app.environment.DATABASE_URL).toMatch(/@postgres:5432\//);
    expect(app.environment.REDIS_URL).toBe('redis://redis:6379');
    expect(Object.keys(app.depends_on).sort()).toEqual(['postgres', 'redis']);
    expect(app.healthcheck.test.join(' ')).toContain(`127.0.0.1:${APP_PORT}/health`);
  });

  it('docker-compose.yml requires every secret (no default that could go live)', () => {
    const compose = read('docker-compose.yml');
    expect(compose).not.toMatch(/change-me/i);
    const env = (yamlFile('docker-compose.yml').services.app.environment ?? {}) as Record<
      string,
      string
    >;
    for (const name of [
      'API_TOKENS',
      'ELEVENLABS_WEBHOOK_SECRETS',
      'SYNC_WEBHOOK_SECRET',
      'LINK_SECRET',
      'BOOKING_WEBHOOK_SECRET',
    ]) {
      expect(env[name]).toMatch(new RegExp(`^\\$\\{${name}:\\?.+\\}$`));
    }
    expect(env.DATABASE_URL).toContain('${POSTGRES_PASSWORD:?');
  });

  it('the Dockerfile builds a non-root image with a /health HEALTHCHECK and a data volume', () => {
    const dockerfile = read('Dockerfile');
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(new RegExp(`^EXPOSE ${APP_PORT}$`, 'm'));
    expect(dockerfile).toMatch(/HEALTHCHECK[\s\S]*\/health/);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/^VOLUME \["\/data"\]$/m);
  });

  it('the Dockerfile: current Node LTS, runtime install without scripts, a .dockerignore', () => {
    const dockerfile = read('Dockerfile');
    const bases = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(bases).toEqual(['node:26-slim', 'node:26-slim']);
    expect(dockerfile).toMatch(/npm ci --omit=dev --ignore-scripts/);
    const instructions = dockerfile.split('\n').filter((line) => !line.trimStart().startsWith('#'));
    expect(instructions.join('\n')).not.toMatch(/\/tmp/);
    const ignored = read('.dockerignore').split('\n');
    expect(ignored).toEqual(
      expect.arrayContaining(['node_modules', 'dist', '.git', '.env', 'data']),
    );
  });

  it("every way the server is started passes node's own flags (npm start, the image, the test harness)", () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> })
      .scripts;
    const flags = NODE_FLAGS.join(' ');
    expect(scripts.start).toBe(`node ${flags} dist/main.js`);
    expect(scripts['start:prod']).toBe(`node ${flags} dist/main.js`);
    const cmd = /^CMD (\[.*\])$/m.exec(read('Dockerfile'))?.[1];
    expect(JSON.parse(cmd ?? '[]')).toEqual(['node', ...NODE_FLAGS, 'dist/main.js']);
    expect(read('test/support/app-process.ts')).toContain('[...NODE_FLAGS, ...nodeArgs');
  });

  it('no shipped file puts the optional PAYLOAD_DIR mirror on a pod or instance disk', () => {
    for (const path of ['render.yaml', 'docker-compose.yml', ...K8S]) {
      expect({
        path,
        payloadDir: read(path).includes('PAYLOAD_DIR:') || /key: PAYLOAD_DIR/.test(read(path)),
      }).toEqual({
        path,
        payloadDir: false,
      });
    }
  });

  it('every YAML file parses without errors', () => {
    for (const path of [...K8S, 'render.yaml', 'docker-compose.yml']) {
      expect(parseAllDocuments(read(path)).flatMap((doc) => doc.errors)).toEqual([]);
    }
  });
});
