// Ready for a real cluster (generators.md): every template and golden case passes, offline, the
// schemas with unknown fields refused, Pod Security "restricted", kube-score's checks and one
// allow-list shared by the NetworkPolicies and Istio; and each check fails on a manifest that
// breaks its rule (so a green run means something).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { buildModel, generate, parseDesign, type Design } from '../../engine/index.js';
import { RUN_AS } from '../../engine/generate/model.js';
import { goldenCases } from './cases.js';
import { loadObjects, validateModels } from './validators.js';
import { strictSchemaErrors } from './strict.js';
import { allowListsAgree, kubeScore, podSecurityRestricted, podsOf, unprobed } from './readiness.js';

type Obj = Parameters<typeof podsOf>[0][number];

function load(file: string): Design {
  const { design, problems } = parseDesign(readFileSync(file, 'utf8'), file);
  if (!design) throw new Error(problems.map((p) => p.message).join('\n'));
  return design;
}

const design = (text: string) => {
  const r = parseDesign(text, 'x.arch.yaml');
  if (!r.design) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.design;
};

function objects(d: Design) {
  const files = generate(d, 'all');
  const loaded = loadObjects(files.filter((f) => f.path.startsWith('k8s/') || f.path.startsWith('istio/')));
  const base = loaded.filter((o) => o.file.startsWith('k8s/')).map((o) => o.obj);
  // istio/namespace.yaml is a patch of the base's Namespace, not an object of its own
  const overlay = loaded.filter((o) => o.file.startsWith('istio/') && o.file !== 'istio/namespace.yaml').map((o) => o.obj);
  return { files, loaded, base, overlay };
}

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe.each(goldenCases())('cluster readiness of $name', ({ name, file }) => {
  const d = load(file);
  const ir = buildModel(d);
  const { loaded, base, overlay } = objects(d);

  it('passes the kubernetes-models and Istio schemas with unknown fields refused', () => {
    expect(strictSchemaErrors(loaded.map((o) => ({ where: `${name}: ${o.file}`, obj: o.obj })))).toEqual([]);
  });
  it('passes Pod Security "restricted" in every pod', () => {
    expect(podsOf(base).length).toBeGreaterThan(0);
    expect(podSecurityRestricted(base)).toEqual([]);
  });
  it("passes kube-score's checks (numeric user, resources, probes, HPA, spread, PDB, NetworkPolicy, preStop)", () => {
    expect(kubeScore(base, { noProbes: unprobed(ir) })).toEqual([]);
  });
  it("admits per callee exactly Istio's allow-list, in the base and under the overlay", () => {
    expect(allowListsAgree(base, ir.namespace)).toEqual([]);
    expect(allowListsAgree([...base, ...overlay], ir.namespace)).toEqual([]);
  });
  it('runs every service as the stubs’ numeric user', () => {
    for (const p of podsOf(base).filter((x) => x.kind === 'Deployment'))
      expect([p.spec.securityContext?.runAsUser, p.spec.securityContext?.runAsGroup]).toEqual([RUN_AS.user, RUN_AS.group]);
  });
});

describe('the checks refuse what breaks their rule', () => {
  const d = design(`
name: probe
nodes:
  web: { kind: client, requests: [ { to: gw, route: / } ] }
  gw: { kind: gateway, routes: [ { path: /, to: api } ] }
  api: { kind: service, autoscale: { min: 2, max: 4 }, calls: [ { to: db } ] }
  db: { kind: database }
`);
  const { loaded, base, overlay } = objects(d);
  const deployment = (objs: Obj[], n: string) =>
    objs.find((o) => o.kind === 'Deployment' && o.metadata?.name === n)! as Obj & {
      spec: { replicas?: number; template: { spec: Record<string, unknown> & { containers: Record<string, unknown>[] } } };
    };
  const mutate = (f: (objs: Obj[]) => void) => {
    const objs = clone(base);
    f(objs);
    return objs;
  };

  it('a made-up field fails the strict schema check, though kubernetes-models validate() accepts it', () => {
    const dep = clone(loaded.find((o) => o.obj.kind === 'Deployment')!);
    (dep.obj as { spec: { template: { spec: { containers: Record<string, unknown>[] } } } }).spec.template.spec.containers[0]!.madeUp =
      true;
    expect(validateModels([dep])).toEqual([]); // why the strict check exists
    expect(strictSchemaErrors([{ where: 'x', obj: dep.obj }])).toEqual([
      'x: apps/v1/Deployment api: unknown field spec.template.spec.containers[0].madeUp',
    ]);
    const vs = clone(loaded.find((o) => o.obj.kind === 'VirtualService')!);
    (vs.obj as { spec: { http: Record<string, unknown>[] } }).spec.http[0]!.retry = { attempts: 1 }; // Istio says retries
    expect(strictSchemaErrors([{ where: 'x', obj: vs.obj }])).toEqual([
      `x: networking.istio.io/v1/VirtualService ${vs.obj.metadata!.name}: unknown field spec.http[0].retry`,
    ]);
  });

  it('Pod Security "restricted" refuses capabilities kept, escalation, root, no seccomp, hostPath', () => {
    const c = (objs: Obj[]) => deployment(objs, 'api').spec.template.spec.containers[0]! as { securityContext: Record<string, unknown> };
    expect(podSecurityRestricted(mutate((o) => delete c(o).securityContext.capabilities))).toEqual([
      'Deployment api container api: capabilities do not drop ALL',
    ]);
    expect(podSecurityRestricted(mutate((o) => (c(o).securityContext.allowPrivilegeEscalation = true)))).toHaveLength(1);
    expect(podSecurityRestricted(mutate((o) => (c(o).securityContext.runAsUser = 0)))).toEqual([
      'Deployment api container api: runs as user 0',
    ]);
    expect(
      podSecurityRestricted(
        mutate((o) => delete (deployment(o, 'api').spec.template.spec.securityContext as Record<string, unknown>).seccompProfile),
      ),
    ).toEqual(['Deployment api container api: seccompProfile is undefined']);
    expect(
      podSecurityRestricted(mutate((o) => (deployment(o, 'api').spec.template.spec.volumes = [{ name: 'h', hostPath: { path: '/' } }]))),
    ).toEqual(['Deployment api: volume h of type hostPath is not allowed']);
  });

  it('kube-score refuses a user name, replicas under an HPA, no spread, no limit, no probe', () => {
    const pod = (o: Obj[]) => deployment(o, 'api').spec.template.spec;
    expect(kubeScore(mutate((o) => delete (pod(o).securityContext as Record<string, unknown>).runAsUser))).toEqual([
      'Deployment api container api: no numeric runAsUser',
    ]);
    expect(kubeScore(mutate((o) => (deployment(o, 'api').spec.replicas = 2)))).toEqual([
      'Deployment api: sets replicas while HorizontalPodAutoscaler api owns them',
    ]);
    expect(kubeScore(mutate((o) => delete pod(o).topologySpreadConstraints))).toEqual([
      'Deployment api: up to 4 pods and no spread across nodes',
    ]);
    expect(kubeScore(mutate((o) => delete (pod(o).containers[0]!.resources as { limits?: unknown }).limits))).toEqual([
      'Deployment api container api: no memory limit',
    ]);
    expect(kubeScore(mutate((o) => delete pod(o).containers[0]!.readinessProbe))).toEqual([
      'Deployment api container api: no readiness probe',
      'Service api: pods of api have no readiness probe',
    ]);
    expect(kubeScore(mutate((o) => (pod(o).automountServiceAccountToken = true)))).toEqual([
      'Deployment api: mounts the service-account token',
    ]);
  });

  it('the allow-lists must agree: a caller Istio allows and the NetworkPolicy does not admit is reported', () => {
    const ap = clone(overlay);
    const pol = ap.find((o) => o.kind === 'AuthorizationPolicy' && o.metadata?.name === 'db')! as {
      spec: { rules: { from: { source: { principals: string[] } }[] }[] };
    };
    pol.spec.rules[0]!.from[0]!.source.principals.push('cluster.local/ns/probe/sa/gw');
    expect(allowListsAgree([...base, ...ap], 'probe')).toEqual(['db: NetworkPolicies admit [api], AuthorizationPolicy allows [api, gw]']);
  });
});

describe('datastores and brokers on a real cluster', () => {
  const d = design(`
name: brokers
nodes:
  api:
    kind: service
    calls: [ { to: events }, { to: jobs }, { to: db } ]
  worker: { kind: service }
  events: { kind: topic, engine: kafka, partitions: 6, consumers: [worker], dlq: events-dlq }
  events-dlq: { kind: topic, engine: kafka }
  jobs: { kind: queue, engine: rabbitmq, consumers: [worker] }
  db: { kind: database, engine: mysql }
`);
  const { base, overlay } = objects(d);
  const find = (kind: string, n: string) => base.find((o) => o.kind === kind && o.metadata?.name === n)! as Obj & { spec: never };

  it('keeps Kafka\u2019s log under its volume and creates the design\u2019s topics (partitions, DLQ) with a Job', () => {
    const kafka = podsOf(base).find((p) => p.name === 'kafka')!;
    const c = kafka.spec.containers[0] as unknown as { env: { name: string; value?: string }[]; volumeMounts: { mountPath: string }[] };
    const logDir = c.env.find((e) => e.name === 'KAFKA_LOG_DIRS')!.value!;
    expect(logDir.startsWith(c.volumeMounts[0]!.mountPath + '/')).toBe(true);
    expect(c.env.find((e) => e.name === 'KAFKA_AUTO_CREATE_TOPICS_ENABLE')!.value).toBe('false');
    const job = podsOf(base).find((p) => p.kind === 'Job')!;
    expect((job.spec.containers[0] as unknown as { args: string[] }).args).toEqual(['events:6', 'events-dlq:1']);
    // it may reach Kafka in both allow-lists
    expect(allowListsAgree([...base, ...overlay], 'brokers')).toEqual([]);
    const np = find('NetworkPolicy', 'kafka') as {
      spec: { ingress: { from: { podSelector: { matchLabels: Record<string, string> } }[] }[] };
    };
    expect(np.spec.ingress[0]!.from.map((p) => p.podSelector.matchLabels['app.kubernetes.io/name'])).toEqual([
      'api',
      'worker',
      'kafka-topics',
    ]);
  });

  it('gives RabbitMQ its user from a Secret, never guest/guest, and its clients the same credentials', () => {
    const rabbit = podsOf(base).find((p) => p.name === 'rabbitmq')!;
    const env = (
      rabbit.spec.containers[0] as unknown as { env: { name: string; valueFrom?: { secretKeyRef: { name: string; key: string } } }[] }
    ).env;
    expect(env.map((e) => [e.name, e.valueFrom?.secretKeyRef])).toEqual([
      ['RABBITMQ_DEFAULT_USER', { name: 'rabbitmq-credentials', key: 'username' }],
      ['RABBITMQ_DEFAULT_PASS', { name: 'rabbitmq-credentials', key: 'password' }],
    ]);
    const api = podsOf(base).find((p) => p.name === 'api')!;
    const apiEnv = (api.spec.containers[0] as unknown as { env: { name: string; value?: string }[] }).env;
    expect(apiEnv.find((e) => e.name === 'RABBITMQ_URL')!.value).toBe(
      'amqp://$(RABBITMQ_USER):$(RABBITMQ_PASSWORD)@rabbitmq.brokers.svc:5672',
    );
    const names = apiEnv.map((e) => e.name);
    expect(names.indexOf('RABBITMQ_PASSWORD')).toBeLessThan(names.indexOf('RABBITMQ_URL')); // $(...) sees only earlier ones
    const cm = find('ConfigMap', 'api-config') as unknown as { data: Record<string, string> };
    expect(cm.data.RABBITMQ_URL).toBeUndefined();
  });

  it('probes each engine the way it answers, with resources and a writable volume', () => {
    for (const p of podsOf(base).filter((x) => x.kind === 'StatefulSet')) {
      const c = p.spec.containers[0]!;
      expect(c.readinessProbe, p.name).toBeDefined();
      expect(c.startupProbe, p.name).toBeDefined();
      expect(p.spec.securityContext?.fsGroup, p.name).toBe(p.spec.securityContext?.runAsGroup);
    }
    const mysql = podsOf(base).find((p) => p.name === 'db')!.spec.containers[0]!;
    expect(mysql.readinessProbe!.exec!.command).toEqual(['sh', '-c', 'exec mysqladmin ping -h 127.0.0.1 --silent']);
  });
});

describe('the Istio overlay', () => {
  it('adds objects and patches the Namespace and (by one targeted patch) the Ingresses, never one patch per object', () => {
    const files = generate(load(goldenCases().find((c) => c.name === 'e-commerce')!.file), 'istio');
    const k = parse(files.find((f) => f.path === 'istio/kustomization.yaml')!.content) as {
      patches: { path?: string; patch?: string; target?: Record<string, string> }[];
    };
    expect(k.patches).toHaveLength(2);
    expect(k.patches[0]).toEqual({ path: 'namespace.yaml' });
    // the base's Ingresses go under the mesh (one way in), by one patch with a target, not per object
    expect(k.patches[1]!.target).toEqual({ kind: 'Ingress', labelSelector: 'app.kubernetes.io/managed-by=meshwright' });
    expect(parse(k.patches[1]!.patch!)).toMatchObject({ $patch: 'delete', kind: 'Ingress' });
  });
});

describe("the design's fields for real systems", () => {
  const d = design(`
name: real
nodes:
  web: { kind: client, requests: [ { to: front, route: / } ] }
  front:
    kind: gateway
    port: 8080
    servicePort: 80
    routes: [ { path: /, to: cart } ]
    command: [ /app/server ]
    args: [ --greeting, 'costs $(PRICE) or $5' ]
    resources: { cpu: 100m, memory: 64Mi, limits: { cpu: 200m, memory: 128Mi } }
    health: { startup: 60s }
  cart:
    kind: service
    protocol: grpc
    port: 7070
    calls: [ { to: cache } ]
  legacy: { kind: service, health: { probe: tcp } }
  batch: { kind: service, health: { probe: none } }
  cache: { kind: cache, engine: redis, replicas: 3, resources: { memory: 256Mi }, env: { REDIS_ARGS: '--save ""' } }
  search: { kind: database, engine: elasticsearch, image: my/es:8, resources: { memory: 4Gi } }
`);
  const { base, overlay } = objects(d);
  const pod = (n: string) => podsOf(base).find((p) => p.name === n)!;
  const container = (n: string) =>
    pod(n).spec.containers[0]! as unknown as Record<string, unknown> & { env?: { name: string; value?: string }[] };

  it('probe what health.probe says: httpGet, grpc on the port, tcpSocket, or nothing; startup from health.startup', () => {
    expect(container('front').readinessProbe).toMatchObject({ httpGet: { path: '/health/readiness', port: 'http' } });
    expect(container('front').startupProbe).toMatchObject({ periodSeconds: 5, failureThreshold: 12 }); // 60 s
    expect(container('cart').readinessProbe).toMatchObject({ grpc: { port: 7070 } });
    expect(container('legacy').livenessProbe).toMatchObject({ tcpSocket: { port: 'http' } });
    expect(container('batch').readinessProbe).toBeUndefined();
    expect(container('batch').livenessProbe).toBeUndefined();
    expect(kubeScore(base, { noProbes: new Set(['batch']) })).toEqual([]);
  });

  it('name ports by protocol, listen on servicePort and target the port', () => {
    const svc = (n: string) =>
      (base.find((o) => o.kind === 'Service' && o.metadata?.name === n) as { spec: { ports: Record<string, unknown>[] } }).spec.ports[0];
    expect(svc('front')).toEqual({ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP', appProtocol: 'http' });
    expect(svc('cart')).toEqual({ name: 'grpc', port: 7070, targetPort: 'grpc', protocol: 'TCP', appProtocol: 'grpc' });
    expect((container('front').ports as { containerPort: number }[])[0]!.containerPort).toBe(8080);
    // the ingress VirtualService dials the Service port
    const ivs = overlay.find((o) => o.kind === 'VirtualService' && o.metadata?.name === 'front-ingress') as {
      spec: { http: { route: { destination: { port: { number: number } } }[] }[] };
    };
    expect(ivs.spec.http[0]!.route[0]!.destination.port.number).toBe(80);
  });

  it('export command and args as given, with `$` kept from Kubernetes’ $(VAR) expansion', () => {
    expect(container('front').command).toEqual(['/app/server']);
    expect(container('front').args).toEqual(['--greeting', 'costs $$(PRICE) or $$5']);
  });

  it('take resources.limits when given', () => {
    expect(container('front').resources).toEqual({ requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } });
  });

  it('run datastores with the design’s replicas, resources, env and image (heap sized from the limit)', () => {
    expect(pod('cache').replicas).toBe(3);
    expect(container('cache').resources).toEqual({ requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '256Mi' } });
    expect(container('cache').env).toContainEqual({ name: 'REDIS_ARGS', value: '--save ""' });
    expect(pod('cache').spec.topologySpreadConstraints).toBeDefined();
    expect(base.some((o) => o.kind === 'PodDisruptionBudget' && o.metadata?.name === 'cache')).toBe(true);
    expect(container('search').image).toBe('my/es:8');
    expect(container('search').env).toContainEqual({ name: 'ES_JAVA_OPTS', value: '-Xms2048m -Xmx2048m' });
    expect(podSecurityRestricted(base)).toEqual([]);
  });
});
