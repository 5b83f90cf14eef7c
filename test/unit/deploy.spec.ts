// The deployment files must agree with the app: probe paths are real routes, ports match the
// app's PORT, the container runs as non-root, and templates hold placeholders only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

type Json = Record<string, any>;
const root = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const yamlFile = (path: string) => parse(read(path)) as Json;
const routes = Object.keys(
  (JSON.parse(read('openapi.json')) as { paths: Record<string, unknown> }).paths,
);
const APP_PORT = 3000;

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

  it('the Dockerfile builds a non-root image with a /health HEALTHCHECK and a data volume', () => {
    const dockerfile = read('Dockerfile');
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(new RegExp(`^EXPOSE ${APP_PORT}$`, 'm'));
    expect(dockerfile).toMatch(/HEALTHCHECK[\s\S]*\/health/);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/^VOLUME \["\/data"\]$/m);
  });

  it('every YAML file parses without errors', () => {
    for (const path of [
      'deploy/k8s/deployment.yaml',
      'deploy/k8s/service.yaml',
      'deploy/k8s/configmap.yaml',
      'deploy/k8s/secret.example.yaml',
      'render.yaml',
      'docker-compose.yml',
    ]) {
      expect(parseAllDocuments(read(path)).flatMap((doc) => doc.errors)).toEqual([]);
    }
  });
});
