// Kubernetes kustomize base (generators.md "Kubernetes" and "Ready for a real cluster"): per
// workload a ServiceAccount, a ConfigMap with its environment, one Deployment per version, a
// ClusterIP Service, HPA (autoscaling/v2) when autoscaled, PDB when it runs more than one pod,
// Ingress for gateways; per store/broker a StatefulSet and a headless Service (Kafka: a Job that
// creates the design's topics); a default-deny NetworkPolicy and one per callee admitting exactly
// its drawn callers. Every pod passes Pod Security "restricted". Objects are typed with
// kubernetes-models' interfaces (types only), so an unknown or misspelt field fails the type-check.
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { INamespace } from 'kubernetes-models/v1/Namespace';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
import type { IProbe } from 'kubernetes-models/v1/Probe';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IContainerPort } from 'kubernetes-models/v1/ContainerPort';
import type { IResourceRequirements } from 'kubernetes-models/v1/ResourceRequirements';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { ISecurityContext } from 'kubernetes-models/v1/SecurityContext';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IStatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { INetworkPolicyPeer } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer';
import type { IObjectMeta } from '@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta';
import type { Resources } from '../model/index.js';
import type { Ir, IrBroker, IrDeploy, IrStore, IrVersion, IrWorkload } from './model.js';
import { NATS_ARGS, RUN_AS, httpTargets, totalBudget, versionLabelOf } from './model.js';
import { labelValue } from './names.js';
import { toYaml, type YamlDoc } from './yaml.js';

export interface OutFile {
  path: string;
  content: string;
}

const MANAGED = { 'app.kubernetes.io/managed-by': 'meshwright' };
const DEFAULT_RESOURCES = { cpu: '100m', memory: '128Mi' };
/** The Ingress's class and the namespace its controller runs in (ingress-nginx's defaults). */
export const INGRESS_CLASS = 'nginx';
export const INGRESS_NAMESPACE = 'ingress-nginx';
/** Seconds a stopping pod keeps serving after it left the endpoints, before SIGTERM. */
export const PRESTOP_SECONDS = 5;
/** After SIGTERM a stub keeps serving (not ready) for 5 s, then closes its listener and gives
 * requests in flight up to 10 s (templates/stubs: drain, then close). */
const STUB_DRAIN_SECONDS = 5;
const STUB_CLOSE_SECONDS = 10;
const PROBE_PERIOD = 5;

export function selectorLabels(name: string): Record<string, string> {
  return { 'app.kubernetes.io/name': name };
}

function meta(ir: Ir, name: string, labels: Record<string, string>): IObjectMeta {
  return { name, namespace: ir.namespace, labels };
}

function appLabels(ir: Ir, name: string, component: string, version?: string): Record<string, string> {
  return {
    ...selectorLabels(name),
    'app.kubernetes.io/part-of': ir.namespace,
    ...(version ? { 'app.kubernetes.io/version': version } : {}),
    'app.kubernetes.io/component': component,
    ...MANAGED,
  };
}

export function deploymentName(_w: IrWorkload, v: IrVersion): string {
  return v.deployment;
}

export function configMapName(w: IrWorkload): string {
  return `${w.name}-config`;
}

/** Pod Security "restricted" for a container: no escalation, no capabilities, non-root. */
function containerSecurity(readOnlyRoot: boolean): ISecurityContext {
  return {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    runAsNonRoot: true,
    ...(readOnlyRoot ? { readOnlyRootFilesystem: true } : {}),
  };
}

/** The pod-level half: a numeric user and group (the kubelet checks runAsNonRoot against a
 * number, never a name), the runtime's seccomp profile, and `fsGroup` where a volume is written. */
function podSecurity(user: number, group: number, fsGroup: boolean): NonNullable<IPodSpec['securityContext']> {
  return {
    runAsNonRoot: true,
    runAsUser: user,
    runAsGroup: group,
    ...(fsGroup ? { fsGroup: group, fsGroupChangePolicy: 'OnRootMismatch' as const } : {}),
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** Spread a workload's pods over nodes (preferred, so a small cluster still schedules them);
 * `pod-template-hash` keeps a rolling update's new pods spread among themselves. */
function spread(name: string): NonNullable<IPodSpec['topologySpreadConstraints']> {
  return [
    {
      maxSkew: 1,
      topologyKey: 'kubernetes.io/hostname',
      whenUnsatisfiable: 'ScheduleAnyway',
      labelSelector: { matchLabels: selectorLabels(name) },
      matchLabelKeys: ['pod-template-hash'],
    },
  ];
}

function secretEnv(w: IrWorkload): IEnvVar[] {
  return w.secretEnv.map((e) => ({ name: e.name, valueFrom: { secretKeyRef: { name: e.secret, key: e.key } } }));
}

/** A broker with credentials: user and password from its Secret, then its URL built from them
 * (Kubernetes expands `$(VAR)` from variables defined before it), instead of the ConfigMap's. */
function brokerCredentialEnv(ir: Ir, w: IrWorkload): { env: IEnvVar[]; replaced: Set<string> } {
  const env: IEnvVar[] = [];
  const replaced = new Set<string>();
  for (const b of w.brokers) {
    const c = b.credentials;
    if (!c) continue;
    env.push(
      { name: c.userVar, valueFrom: { secretKeyRef: { name: c.secret, key: 'username' } } },
      { name: c.passwordVar, valueFrom: { secretKeyRef: { name: c.secret, key: 'password' } } },
      { name: b.envVar, value: `amqp://$(${c.userVar}):$(${c.passwordVar})@${b.name}.${ir.namespace}.svc:${b.port}` },
    );
    replaced.add(b.envVar);
  }
  return { env, replaced };
}

/** The port callers dial: the Service's (`servicePort`), targeting the container's `port`. */
export function servicePort(w: IrWorkload): number {
  return w.node.servicePort ?? w.port;
}

type Amounts = { cpu: string; memory: string };

/** Requests for CPU and memory and a memory limit, always: the design's `resources` (a request
 * it leaves out falls back to its limit, then to the default), `resources.limits` when given
 * (a CPU limit only then: CPU limits throttle), else the memory limit equals the request. */
function containerResources(r: Resources | undefined, defaults: Amounts): { resources: IResourceRequirements; defaulted: string[] } {
  const cpu = r?.cpu ?? r?.limits?.cpu ?? defaults.cpu;
  const memory = r?.memory ?? r?.limits?.memory ?? defaults.memory;
  const defaulted = [...(r?.cpu || r?.limits?.cpu ? [] : ['cpu']), ...(r?.memory || r?.limits?.memory ? [] : ['memory'])];
  return {
    resources: {
      requests: { cpu, memory },
      limits: { ...(r?.limits?.cpu ? { cpu: r.limits.cpu } : {}), memory: r?.limits?.memory ?? memory },
    },
    defaulted,
  };
}

const UNITS: Record<string, number> = {
  '': 1 / 2 ** 20,
  k: 1e3 / 2 ** 20,
  Ki: 1 / 1024,
  M: 1e6 / 2 ** 20,
  Mi: 1,
  G: 1e9 / 2 ** 20,
  Gi: 1024,
  T: 1e12 / 2 ** 20,
  Ti: 2 ** 20,
};

/** A memory quantity in MiB (`512Mi`, `1Gi`, `1e9`, `500M`); undefined when it is not one. */
export function mebibytes(q: string): number | undefined {
  const m = /^([0-9]+(?:\.[0-9]+)?(?:e[0-9]+)?)(|k|Ki|M|Mi|G|Gi|T|Ti)$/.exec(q.trim());
  return m ? Number(m[1]) * UNITS[m[2]!]! : undefined;
}

function totalPods(w: IrWorkload): number {
  return w.versions.reduce((sum, v) => sum + (!v.fixedReplicas && w.autoscale ? Math.max(v.replicas, w.autoscale.min) : v.replicas), 0);
}

/** At most how many pods it may run: more than one wants spreading. */
function maxPods(w: IrWorkload): number {
  return w.versions.reduce((sum, v) => sum + (!v.fixedReplicas && w.autoscale ? Math.max(v.replicas, w.autoscale.max) : v.replicas), 0);
}

/** Seconds a stopping pod gets: the preStop pause, the stub's drain, then its close, or the
 * longest of its own calls if longer (a request in flight may wait that long on a callee). */
export function gracePeriod(w: IrWorkload): number {
  const longest = Math.max(0, ...httpTargets(w).map((t) => totalBudget(t.policy) ?? 0));
  return PRESTOP_SECONDS + STUB_DRAIN_SECONDS + Math.max(STUB_CLOSE_SECONDS, Math.ceil(longest / 1000));
}

/** Kubernetes expands `$(VAR)` in command, args and env values, and `$$` to `$`: design text
 * written there has every `$` doubled, so it reaches the process exactly as written. */
export function literal(text: string): string {
  return text.replace(/\$/g, '$$$$');
}

/** Which probe a workload gets: the design's `health.probe`, else by its protocol. */
export function probeKind(w: IrWorkload): 'http' | 'grpc' | 'tcp' | 'none' {
  return w.node.health.probe ?? (w.protocol === 'grpc' ? 'grpc' : 'http');
}

/** Probes of a workload (`health.probe`): httpGet on the design's health paths, the standard gRPC
 * health service on the port, a TCP connect, or none; a startupProbe allows `health.startup`
 * (else `autoscale.startup`) before liveness counts. */
function workloadProbes(w: IrWorkload): Pick<IContainer, 'livenessProbe' | 'readinessProbe' | 'startupProbe'> {
  const kind = probeKind(w);
  if (kind === 'none') return {};
  const handler = (path: string): Pick<IProbe, 'httpGet' | 'grpc' | 'tcpSocket'> =>
    kind === 'grpc'
      ? { grpc: { port: w.port } }
      : kind === 'tcp'
        ? { tcpSocket: { port: w.protocol } }
        : { httpGet: { path, port: w.protocol } };
  const out: Pick<IContainer, 'livenessProbe' | 'readinessProbe' | 'startupProbe'> = {
    livenessProbe: { ...handler(w.health.liveness), periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 },
    readinessProbe: { ...handler(w.health.readiness), periodSeconds: PROBE_PERIOD, timeoutSeconds: 2, failureThreshold: 3 },
  };
  const startup = w.node.health.startup ?? w.autoscale?.startup;
  if (startup !== undefined)
    out.startupProbe = {
      ...handler(w.health.liveness),
      periodSeconds: PROBE_PERIOD,
      timeoutSeconds: 2,
      failureThreshold: Math.max(1, Math.ceil(startup / 1000 / PROBE_PERIOD)),
    };
  return out;
}

function workloadDocs(ir: Ir, w: IrWorkload): YamlDoc[] {
  const docs: YamlDoc[] = [];
  const labels = appLabels(ir, w.name, w.kind, versionLabelOf(w.image));
  const sa: IServiceAccount = {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: meta(ir, w.name, labels),
    automountServiceAccountToken: false,
  };
  docs.push({ value: sa, comment: `${w.kind} ${JSON.stringify(w.id)}: its identity (Istio's AuthorizationPolicy allows callers by it)` });
  const brokerEnv = brokerCredentialEnv(ir, w);
  const data = Object.create(null) as Record<string, string>; // keys are design env names: `__proto__` too
  for (const e of w.env) if (!brokerEnv.replaced.has(e.name)) data[e.name] = e.value;
  const cm: IConfigMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(ir, configMapName(w), labels), data };
  docs.push({ value: cm });
  const { resources, defaulted } = containerResources(w.node.resources, DEFAULT_RESOURCES);
  const spreads = maxPods(w) > 1;
  const port: IContainerPort = { name: w.protocol, containerPort: w.port, protocol: 'TCP' };
  for (const v of w.versions) {
    const podLabels = { ...appLabels(ir, w.name, w.kind, versionLabelOf(v.image)), app: w.name, version: v.name };
    const env = [...secretEnv(w), ...brokerEnv.env];
    const autoscaled = !!w.autoscale && !v.fixedReplicas;
    const dep: IDeployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta(ir, deploymentName(w, v), podLabels),
      spec: {
        // Under an HPA the HPA owns the count: a replicas field here would reset it on every apply.
        ...(autoscaled ? {} : { replicas: v.replicas }),
        selector: { matchLabels: { ...selectorLabels(w.name), version: v.name } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
        template: {
          metadata: { labels: podLabels },
          spec: {
            serviceAccountName: w.name,
            automountServiceAccountToken: false,
            securityContext: podSecurity(RUN_AS.user, RUN_AS.group, false),
            terminationGracePeriodSeconds: gracePeriod(w),
            ...(spreads ? { topologySpreadConstraints: spread(w.name) } : {}),
            containers: [
              {
                name: w.name,
                image: v.image,
                ports: [port],
                ...(w.node.command ? { command: w.node.command.map(literal) } : {}),
                ...(w.node.args ? { args: w.node.args.map(literal) } : {}),
                envFrom: [{ configMapRef: { name: configMapName(w) } }],
                ...(env.length ? { env } : {}),
                // Always requests: the HPA's CPU utilization is a share of the CPU request, and
                // the scheduler needs them; the design's values, else modest defaults.
                resources,
                ...workloadProbes(w),
                // The endpoints controller and every proxy take a moment to stop sending here.
                lifecycle: { preStop: { exec: { command: ['sleep', String(PRESTOP_SECONDS)] } } },
                securityContext: containerSecurity(true),
                volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
              },
            ],
            volumes: [{ name: 'tmp', emptyDir: {} }],
          },
        },
      },
    };
    const notes = [
      ...(w.versions.length > 1
        ? [
            `version ${JSON.stringify(v.key)}: weight ${v.weight} (${v.percent}%); the Istio overlay routes that share here,`,
            'without a mesh the Service splits by pod count',
          ]
        : []),
      ...(autoscaled ? ['no replicas: the HorizontalPodAutoscaler owns the count'] : []),
      ...(defaulted.length ? [`resources: ${defaulted.join(' and ')} not set in the design; a default request, tune it`] : []),
    ];
    docs.push({ value: dep, comment: notes.length ? notes.join('\n') : undefined });
  }
  const svc: IService = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(ir, w.name, labels),
    spec: {
      type: 'ClusterIP',
      selector: selectorLabels(w.name),
      ports: [{ name: w.protocol, port: servicePort(w), targetPort: w.protocol, protocol: 'TCP', appProtocol: w.protocol }],
    },
  };
  docs.push({ value: svc });
  if (w.autoscale) {
    const a = w.autoscale;
    for (const v of w.versions.filter((x) => !x.fixedReplicas)) {
      const hpa: IHorizontalPodAutoscaler = {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: meta(ir, deploymentName(w, v), labels),
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: deploymentName(w, v) },
          minReplicas: Math.max(a.min, 1),
          maxReplicas: a.max,
          metrics: [
            { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: Math.round(a.cpu * 100) } } },
          ],
          behavior: { scaleDown: { stabilizationWindowSeconds: Math.min(3600, Math.round(a.downDelay / 1000)) } },
        },
      };
      docs.push({ value: hpa });
    }
  }
  if (totalPods(w) > 1) {
    const pdb: IPodDisruptionBudget = {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: meta(ir, w.name, labels),
      spec: { maxUnavailable: 1, selector: { matchLabels: selectorLabels(w.name) } },
    };
    docs.push({ value: pdb });
  }
  docs.push(networkPolicy(ir, w.name, labels, [port.name!], w.callers, w.kind === 'gateway'));
  if (w.kind === 'gateway') {
    const ing: IIngress = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: meta(ir, w.name, labels),
      spec: {
        ingressClassName: INGRESS_CLASS,
        rules: [
          {
            http: {
              paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: w.name, port: { name: w.protocol } } } }],
            },
          },
        ],
      },
    };
    docs.push({
      value: ing,
      comment: `the entry point: every path goes to the gateway, which routes by longest prefix (class ${INGRESS_CLASS}: ingress-nginx; change it and the NetworkPolicy's ${INGRESS_NAMESPACE} for another controller)`,
    });
  }
  return docs;
}

/** Per callee: admits exactly its drawn callers (by their pods' name label) on its ports, and the
 * ingress controller for a gateway. With the namespace's default-deny, nothing else gets in. */
function networkPolicy(
  ir: Ir,
  name: string,
  labels: Record<string, string>,
  ports: string[],
  callers: string[],
  ingress: boolean,
): YamlDoc {
  const from: INetworkPolicyPeer[] = callers.map((c) => ({ podSelector: { matchLabels: selectorLabels(c) } }));
  if (ingress) from.push({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': INGRESS_NAMESPACE } } });
  const np: INetworkPolicy = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: meta(ir, name, labels),
    spec: {
      podSelector: { matchLabels: selectorLabels(name) },
      policyTypes: ['Ingress'],
      ...(from.length ? { ingress: [{ from, ports: ports.map((p) => ({ port: p, protocol: 'TCP' as const })) }] } : {}),
    },
  };
  return {
    value: np,
    comment: from.length
      ? "The diagram is the allow-list: only the callers drawn in the design reach it (the same list as Istio's AuthorizationPolicy)."
      : 'No caller is drawn in the design: nothing may reach it.',
  };
}

type Handler = Pick<IProbe, 'exec' | 'httpGet' | 'tcpSocket'>;
const exec = (script: string): Handler => ({ exec: { command: ['sh', '-c', script] } });
const tcp = (port: string): Handler => ({ tcpSocket: { port } });

/** What each engine's official image needs to run as a restricted pod: its own numeric user,
 * probes it answers, resources it needs (the design's when given), and the seconds it may take to start. */
interface EngineRun {
  user: number;
  group: number;
  cpu: string;
  memory: string;
  readiness: Handler;
  liveness: Handler;
  startup: number;
  env?: IEnvVar[];
}

const ENGINES: Record<string, EngineRun> = {
  postgres: {
    user: 999,
    group: 999,
    cpu: '250m',
    memory: '256Mi',
    readiness: exec('exec pg_isready -h 127.0.0.1 -U "$POSTGRES_USER" -d "$POSTGRES_DB"'),
    liveness: exec('exec pg_isready -h 127.0.0.1 -U "$POSTGRES_USER" -d "$POSTGRES_DB"'),
    startup: 120,
  },
  mysql: {
    user: 999,
    group: 999,
    cpu: '250m',
    memory: '512Mi',
    readiness: exec('exec mysqladmin ping -h 127.0.0.1 --silent'),
    liveness: tcp('tcp-mysql'),
    startup: 180,
  },
  mongodb: {
    user: 999,
    group: 999,
    cpu: '250m',
    memory: '512Mi',
    readiness: exec('exec mongosh --quiet --eval "db.adminCommand(\'ping\').ok"'),
    liveness: tcp('tcp-mongo'),
    startup: 120,
  },
  redis: {
    user: 999,
    group: 999,
    cpu: '100m',
    memory: '128Mi',
    readiness: exec('test "$(redis-cli -h 127.0.0.1 ping)" = PONG'),
    liveness: tcp('tcp-redis'),
    startup: 60,
  },
  elasticsearch: {
    user: 1000,
    group: 1000,
    cpu: '500m',
    memory: '2Gi',
    readiness: exec('exec curl -fsS -o /dev/null -u "elastic:$ELASTIC_PASSWORD" "http://127.0.0.1:9200/_cluster/health?local=true"'),
    liveness: tcp('http-elasticsearch'),
    startup: 300,
    env: [
      // The mesh (or the network) carries TLS; the stubs speak plain HTTP to it.
      { name: 'xpack.security.http.ssl.enabled', value: 'false' },
    ],
  },
  cassandra: {
    user: 999,
    group: 999,
    cpu: '500m',
    memory: '2Gi',
    readiness: tcp('tcp-cassandra'),
    liveness: tcp('tcp-cassandra'),
    startup: 300,
  },
  memcached: {
    user: 11211,
    group: 11211,
    cpu: '100m',
    memory: '128Mi',
    readiness: tcp('tcp-memcached'),
    liveness: tcp('tcp-memcached'),
    startup: 30,
  },
  kafka: {
    user: 1000,
    group: 1000,
    cpu: '500m',
    memory: '1Gi',
    readiness: tcp('tcp-kafka'),
    liveness: tcp('tcp-kafka'),
    startup: 180,
  },
  rabbitmq: {
    user: 999,
    group: 999,
    cpu: '250m',
    memory: '512Mi',
    readiness: exec('exec rabbitmq-diagnostics -q check_port_connectivity'),
    liveness: exec('exec rabbitmq-diagnostics -q ping'),
    startup: 180,
  },
  nats: {
    user: 1000,
    group: 1000,
    cpu: '100m',
    memory: '128Mi',
    readiness: { httpGet: { path: '/healthz', port: 'http-monitor' } },
    liveness: { httpGet: { path: '/healthz?js-enabled-only=true', port: 'http-monitor' } },
    startup: 60,
  },
  sqs: { user: 1000, group: 1000, cpu: '100m', memory: '256Mi', readiness: tcp('http-sqs'), liveness: tcp('http-sqs'), startup: 60 },
};

interface StatefulSpec {
  name: string;
  component: string;
  engine: string;
  image: string;
  port: number;
  portName: string;
  extraPorts?: IContainerPort[];
  storage: string;
  dataPath?: string;
  env: IEnvVar[];
  args?: string[];
  deploy: IrDeploy;
  callers: string[];
  comment: string;
}

/** JVM engines size their heap from the node, not the pod: half the memory limit. */
function heapEnv(engine: string, limitMemory: string): IEnvVar[] {
  const heap = Math.max(64, Math.floor((mebibytes(limitMemory) ?? 1024) / 2));
  switch (engine) {
    case 'elasticsearch':
      return [{ name: 'ES_JAVA_OPTS', value: `-Xms${heap}m -Xmx${heap}m` }];
    case 'kafka':
      return [{ name: 'KAFKA_HEAP_OPTS', value: `-Xms${heap}m -Xmx${heap}m` }];
    case 'cassandra':
      return [
        { name: 'MAX_HEAP_SIZE', value: `${heap}M` },
        { name: 'HEAP_NEWSIZE', value: `${Math.max(16, Math.floor(heap / 4))}M` },
      ];
    default:
      return [];
  }
}

function statefulDocs(ir: Ir, s: StatefulSpec): YamlDoc[] {
  const labels = appLabels(ir, s.name, s.component, versionLabelOf(s.image));
  const podLabels = { ...labels, app: s.name };
  const run = ENGINES[s.engine]!;
  const replicas = s.deploy.replicas;
  const { resources, defaulted } = containerResources(s.deploy.resources, run);
  // The engine's own variables, then the design's (written literally), which may override them.
  const designEnv = Object.entries(s.deploy.env).map(([name, value]) => ({ name, value: literal(value) }));
  const overridden = new Set(designEnv.map((e) => e.name));
  const env = [...s.env, ...(run.env ?? []), ...heapEnv(s.engine, String(resources.limits!.memory))].filter((e) => !overridden.has(e.name));
  env.push(...designEnv);
  const probe = (h: Handler, period: number, failures: number): IProbe => ({
    ...h,
    periodSeconds: period,
    timeoutSeconds: 'exec' in h ? 10 : 2,
    failureThreshold: failures,
  });
  const sts: IStatefulSet = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: meta(ir, s.name, labels),
    spec: {
      serviceName: s.name,
      replicas,
      selector: { matchLabels: selectorLabels(s.name) },
      template: {
        metadata: { labels: podLabels },
        spec: {
          automountServiceAccountToken: false,
          securityContext: podSecurity(run.user, run.group, !!s.dataPath),
          ...(replicas > 1 ? { topologySpreadConstraints: spread(s.name).map(({ matchLabelKeys: _, ...c }) => c) } : {}),
          containers: [
            {
              name: s.name,
              image: s.image,
              ports: [{ name: s.portName, containerPort: s.port, protocol: 'TCP' }, ...(s.extraPorts ?? [])],
              ...(s.args ? { args: s.args } : {}),
              ...(env.length ? { env } : {}),
              resources,
              startupProbe: probe(run.liveness, PROBE_PERIOD, Math.ceil(run.startup / PROBE_PERIOD)),
              readinessProbe: probe(run.readiness, 10, 3),
              livenessProbe: probe(run.liveness, 20, 3),
              securityContext: containerSecurity(false),
              ...(s.dataPath ? { volumeMounts: [{ name: 'data', mountPath: s.dataPath }] } : {}),
            },
          ],
        },
      },
      ...(s.dataPath
        ? {
            volumeClaimTemplates: [
              {
                metadata: { name: 'data' },
                spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: s.storage } } },
              },
            ],
          }
        : {}),
    },
  };
  const svc: IService = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(ir, s.name, labels),
    spec: {
      clusterIP: 'None',
      selector: selectorLabels(s.name),
      ports: [{ name: s.portName, port: s.port, targetPort: s.portName, protocol: 'TCP' }],
    },
  };
  const notes = [
    s.comment,
    ...(defaulted.length
      ? [`resources: ${defaulted.join(' and ')} not set in the design; the engine's usual needs (${run.cpu} CPU, ${run.memory}), tune them`]
      : []),
    ...(replicas > 1
      ? [`replicas ${replicas}: separate ${s.engine} pods; replication between them is the engine's (or an operator's) to set up`]
      : []),
  ];
  const docs: YamlDoc[] = [{ value: sts, comment: notes.join('\n') }, { value: svc }];
  if (replicas > 1) {
    const pdb: IPodDisruptionBudget = {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: meta(ir, s.name, labels),
      spec: { maxUnavailable: 1, selector: { matchLabels: selectorLabels(s.name) } },
    };
    docs.push({ value: pdb });
  }
  docs.push(networkPolicy(ir, s.name, labels, [s.portName], s.callers, false));
  return docs;
}

function storeEnv(s: IrStore): IEnvVar[] {
  const c = s.credentials;
  if (!c) return [];
  const ref = (key: 'username' | 'password') => ({ secretKeyRef: { name: c.secret, key } });
  switch (s.engine) {
    case 'postgres':
      return [
        { name: 'POSTGRES_USER', valueFrom: ref('username') },
        { name: 'POSTGRES_PASSWORD', valueFrom: ref('password') },
        { name: 'POSTGRES_DB', value: c.db },
        // A volume's root holds lost+found; postgres wants an empty directory.
        { name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' },
      ];
    case 'mysql':
      return [
        { name: 'MYSQL_USER', valueFrom: ref('username') },
        { name: 'MYSQL_PASSWORD', valueFrom: ref('password') },
        { name: 'MYSQL_DATABASE', value: c.db },
        { name: 'MYSQL_RANDOM_ROOT_PASSWORD', value: 'yes' },
      ];
    case 'mongodb':
      return [
        { name: 'MONGO_INITDB_ROOT_USERNAME', valueFrom: ref('username') },
        { name: 'MONGO_INITDB_ROOT_PASSWORD', valueFrom: ref('password') },
        { name: 'MONGO_INITDB_DATABASE', value: c.db },
      ];
    case 'elasticsearch':
      return [
        { name: 'discovery.type', value: 'single-node' },
        { name: 'ELASTIC_PASSWORD', valueFrom: ref('password') },
      ];
    default:
      return [];
  }
}

/** Where Kafka keeps its log: a folder under the mounted volume (its root holds lost+found). */
export const KAFKA_LOG_DIR = '/var/lib/kafka/data/logs';

function brokerEnv(ir: Ir, b: IrBroker): IEnvVar[] {
  if (b.engine === 'rabbitmq' && b.credentials) {
    const ref = (key: 'username' | 'password') => ({ secretKeyRef: { name: b.credentials!.secret, key } });
    return [
      { name: 'RABBITMQ_DEFAULT_USER', valueFrom: ref('username') },
      { name: 'RABBITMQ_DEFAULT_PASS', valueFrom: ref('password') },
    ];
  }
  if (b.engine !== 'kafka') return [];
  return [
    { name: 'KAFKA_NODE_ID', value: '1' },
    { name: 'KAFKA_PROCESS_ROLES', value: 'broker,controller' },
    { name: 'KAFKA_LISTENERS', value: `PLAINTEXT://:${b.port},CONTROLLER://:9093` },
    { name: 'KAFKA_ADVERTISED_LISTENERS', value: `PLAINTEXT://${b.name}.${ir.namespace}.svc:${b.port}` },
    { name: 'KAFKA_CONTROLLER_LISTENER_NAMES', value: 'CONTROLLER' },
    { name: 'KAFKA_LISTENER_SECURITY_PROTOCOL_MAP', value: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT' },
    { name: 'KAFKA_CONTROLLER_QUORUM_VOTERS', value: '1@localhost:9093' },
    { name: 'KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR', value: '1' },
    { name: 'KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR', value: '1' },
    { name: 'KAFKA_LOG_DIRS', value: KAFKA_LOG_DIR },
    // The design's topics are created by the topics Job with their partitions, never on first use.
    { name: 'KAFKA_AUTO_CREATE_TOPICS_ENABLE', value: 'false' },
  ];
}

const BROKER_DATA: Record<string, string> = {
  kafka: '/var/lib/kafka/data',
  rabbitmq: '/var/lib/rabbitmq',
  nats: '/data',
  redis: '/data',
  sqs: '/data',
};

/** The topics Job's script: waits for the broker, then creates each `name:partitions` argument
 * (the design's names are arguments, never part of the script), then tells an Istio sidecar, if
 * there is one, that the Job is done (else the pod never completes). */
const TOPICS_SCRIPT = [
  'set -eu',
  'bin=/opt/kafka/bin/kafka-topics.sh',
  'until "$bin" --bootstrap-server "$BOOTSTRAP" --list >/dev/null 2>&1; do echo "waiting for $BOOTSTRAP"; sleep 3; done',
  'for t in "$@"; do',
  '  "$bin" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic "${t%%:*}" --partitions "${t##*:}" --replication-factor 1',
  'done',
  "(exec 3<>/dev/tcp/127.0.0.1/15020 && printf 'POST /quitquitquit HTTP/1.0\\r\\n\\r\\n' >&3) 2>/dev/null || true",
].join('\n');

function topicsJobDocs(ir: Ir, b: IrBroker): YamlDoc[] {
  const name = b.topicsJob!;
  const labels = appLabels(ir, name, 'topics', versionLabelOf(b.image));
  const run = ENGINES.kafka!;
  const sa: IServiceAccount = {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: meta(ir, name, labels),
    automountServiceAccountToken: false,
  };
  const job: IJob = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: meta(ir, name, labels),
    spec: {
      backoffLimit: 6,
      activeDeadlineSeconds: 900,
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: name,
          automountServiceAccountToken: false,
          restartPolicy: 'OnFailure',
          securityContext: podSecurity(run.user, run.group, false),
          containers: [
            {
              name: 'topics',
              image: b.image,
              command: ['bash', '-c', TOPICS_SCRIPT, 'topics'],
              args: b.channels.map((c) => `${c.name}:${c.partitions}`),
              env: [
                { name: 'BOOTSTRAP', value: `${b.name}.${ir.namespace}.svc:${b.port}` },
                { name: 'KAFKA_HEAP_OPTS', value: '-Xmx128m' },
              ],
              resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '256Mi' } },
              securityContext: containerSecurity(false),
            },
          ],
        },
      },
    },
  };
  return [
    { value: sa },
    {
      value: job,
      comment: `Creates the design's topics on ${b.name} (name:partitions), as the broker does not create them on first use.\nA Job cannot be changed in place: delete it before applying a design with other topics.`,
    },
  ];
}

/** Who may connect to a broker: its drawn clients, and its topics Job. */
export function brokerCallers(b: IrBroker): string[] {
  return [...b.clients, ...(b.topicsJob ? [b.topicsJob] : [])];
}

/** Secrets the base references; the operator creates them (values never live in the export). */
export function referencedSecrets(ir: Ir): string[] {
  return [
    ...ir.stores.flatMap((s) => (s.credentials ? [s.credentials.secret] : [])),
    ...ir.brokers.flatMap((b) => (b.credentials ? [b.credentials.secret] : [])),
  ];
}

export function k8sFiles(ir: Ir): OutFile[] {
  const files: OutFile[] = [];
  const ns: INamespace = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: ir.namespace, labels: { 'app.kubernetes.io/part-of': ir.namespace, ...MANAGED } },
  };
  const deny: INetworkPolicy = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'default-deny', namespace: ir.namespace, labels: { 'app.kubernetes.io/part-of': ir.namespace, ...MANAGED } },
    spec: { podSelector: {}, policyTypes: ['Ingress'] },
  };
  files.push({
    path: 'k8s/namespace.yaml',
    content: toYaml([
      { value: ns },
      {
        value: deny,
        comment:
          "Nothing reaches a pod of the namespace unless a callee's own policy admits it (egress stays open: DNS, the mesh, outside APIs).",
      },
    ]),
  });
  for (const w of ir.workloads) files.push({ path: `k8s/${w.name}.yaml`, content: toYaml(workloadDocs(ir, w)) });
  for (const s of ir.stores) {
    const secret = s.credentials
      ? `\nCredentials: create the Secret first, e.g.\n  kubectl -n ${ir.namespace} create secret generic ${s.credentials.secret} --from-literal=username=... --from-literal=password=...`
      : '';
    files.push({
      path: `k8s/${s.name}.yaml`,
      content: toYaml(
        statefulDocs(ir, {
          name: s.name,
          component: s.kind,
          engine: s.engine,
          image: s.image,
          port: s.port,
          portName: s.portName,
          storage: s.storage ?? '1Gi',
          deploy: s.deploy,
          callers: s.callers,
          ...(s.dataPath ? { dataPath: s.dataPath } : {}),
          env: storeEnv(s),
          comment: `${s.kind} ${JSON.stringify(s.id)} (${s.engine})${secret}`,
        }),
      ),
    });
  }
  for (const b of ir.brokers) {
    const secret = b.credentials
      ? `\nCredentials: create the Secret first, e.g.\n  kubectl -n ${ir.namespace} create secret generic ${b.credentials.secret} --from-literal=username=... --from-literal=password=...`
      : '';
    files.push({
      path: `k8s/${b.name}.yaml`,
      content: toYaml([
        ...statefulDocs(ir, {
          name: b.name,
          component: 'broker',
          engine: b.engine,
          image: b.image,
          port: b.port,
          portName: b.portName,
          ...(b.engine === 'nats' ? { extraPorts: [{ name: 'http-monitor', containerPort: 8222, protocol: 'TCP' as const }] } : {}),
          storage: '1Gi',
          dataPath: BROKER_DATA[b.engine]!,
          env: brokerEnv(ir, b),
          ...(b.engine === 'nats' ? { args: [...NATS_ARGS] } : {}),
          deploy: b.deploy,
          callers: brokerCallers(b),
          comment: `${b.engine} broker for ${b.channels.map((c) => c.name).join(', ')}${secret}`,
        }),
        ...(b.topicsJob ? topicsJobDocs(ir, b) : []),
      ]),
    });
  }
  const kustomization = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    namespace: ir.namespace,
    resources: files.map((f) => f.path.slice('k8s/'.length)),
  };
  const secrets = referencedSecrets(ir);
  const comment = [
    `${ir.designName}: Kubernetes base generated by Meshwright.`,
    ...(secrets.length ? [`Secrets referenced and not generated (create them before applying): ${secrets.join(', ')}`] : []),
  ].join('\n');
  files.push({ path: 'k8s/kustomization.yaml', content: toYaml({ value: kustomization, comment }) });
  return files;
}

export { labelValue };
