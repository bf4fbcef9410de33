// Kubernetes kustomize base (generators.md "Kubernetes"): per workload a ServiceAccount, a
// ConfigMap with its environment, one Deployment per version, a ClusterIP Service, HPA
// (autoscaling/v2) when autoscaled, PDB when it runs more than one pod, Ingress for gateways; per
// store/broker a StatefulSet and a headless Service. Objects are typed with kubernetes-models'
// interfaces (types only), so an unknown or misspelt field fails the engine's type-check.
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { INamespace } from 'kubernetes-models/v1/Namespace';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IStatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import type { IObjectMeta } from '@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta';
import type { Ir, IrBroker, IrStore, IrVersion, IrWorkload } from './model.js';
import { NATS_ARGS, versionLabelOf } from './model.js';
import { labelValue } from './names.js';
import { toYaml, type YamlDoc } from './yaml.js';

export interface OutFile {
  path: string;
  content: string;
}

const MANAGED = { 'app.kubernetes.io/managed-by': 'meshwright' };
const DEFAULT_RESOURCES = { cpu: '100m', memory: '128Mi' };

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

function secretEnv(w: IrWorkload): IEnvVar[] {
  return w.secretEnv.map((e) => ({ name: e.name, valueFrom: { secretKeyRef: { name: e.secret, key: e.key } } }));
}

function totalPods(w: IrWorkload): number {
  return w.versions.reduce((sum, v) => sum + (!v.fixedReplicas && w.autoscale ? Math.max(v.replicas, w.autoscale.min) : v.replicas), 0);
}

function workloadDocs(ir: Ir, w: IrWorkload): YamlDoc[] {
  const docs: YamlDoc[] = [];
  const labels = appLabels(ir, w.name, w.kind, versionLabelOf(w.image));
  const sa: IServiceAccount = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(ir, w.name, labels) };
  docs.push({ value: sa, comment: `${w.kind} ${JSON.stringify(w.id)}: its identity (Istio's AuthorizationPolicy allows callers by it)` });
  const data: Record<string, string> = {};
  for (const e of w.env) data[e.name] = e.value;
  const cm: IConfigMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(ir, configMapName(w), labels), data };
  docs.push({ value: cm });
  const r = w.node.resources;
  const cpu = r?.cpu ?? DEFAULT_RESOURCES.cpu;
  const memory = r?.memory ?? DEFAULT_RESOURCES.memory;
  const defaulted = [...(r?.cpu ? [] : ['cpu']), ...(r?.memory ? [] : ['memory'])];
  for (const v of w.versions) {
    const podLabels = { ...appLabels(ir, w.name, w.kind, versionLabelOf(v.image)), app: w.name, version: v.name };
    const env = secretEnv(w);
    const dep: IDeployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta(ir, deploymentName(w, v), podLabels),
      spec: {
        replicas: v.replicas,
        selector: { matchLabels: { ...selectorLabels(w.name), version: v.name } },
        template: {
          metadata: { labels: podLabels },
          spec: {
            serviceAccountName: w.name,
            securityContext: { runAsNonRoot: true },
            containers: [
              {
                name: w.name,
                image: v.image,
                ports: [{ name: w.protocol, containerPort: w.port, protocol: 'TCP' }],
                envFrom: [{ configMapRef: { name: configMapName(w) } }],
                ...(env.length ? { env } : {}),
                // Always requests: the HPA's CPU utilization is a share of the CPU request, and
                // the scheduler needs them; the design's values, else modest defaults.
                resources: { requests: { cpu, memory }, limits: { memory } },
                livenessProbe: { httpGet: { path: w.health.liveness, port: w.port }, periodSeconds: 10, failureThreshold: 3 },
                readinessProbe: { httpGet: { path: w.health.readiness, port: w.port }, periodSeconds: 5, failureThreshold: 3 },
                securityContext: { allowPrivilegeEscalation: false },
              },
            ],
          },
        },
      },
    };
    const notes = [
      ...(w.versions.length > 1 ? [`version ${JSON.stringify(v.key)}: weight ${v.weight} (${v.percent}%)`] : []),
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
      ports: [{ name: w.protocol, port: w.port, targetPort: w.protocol, protocol: 'TCP', appProtocol: w.protocol }],
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
          minReplicas: a.min,
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
  if (w.kind === 'gateway') {
    const ing: IIngress = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: meta(ir, w.name, labels),
      spec: {
        rules: [
          {
            http: {
              paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: w.name, port: { name: w.protocol } } } }],
            },
          },
        ],
      },
    };
    docs.push({ value: ing, comment: 'the entry point: every path goes to the gateway, which routes by longest prefix' });
  }
  return docs;
}

interface StatefulSpec {
  name: string;
  component: string;
  image: string;
  port: number;
  portName: string;
  storage: string;
  dataPath?: string;
  env: IEnvVar[];
  args?: string[];
  comment: string;
}

function statefulDocs(ir: Ir, s: StatefulSpec): YamlDoc[] {
  const labels = appLabels(ir, s.name, s.component, versionLabelOf(s.image));
  const podLabels = { ...labels, app: s.name };
  const sts: IStatefulSet = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: meta(ir, s.name, labels),
    spec: {
      serviceName: s.name,
      replicas: 1,
      selector: { matchLabels: selectorLabels(s.name) },
      template: {
        metadata: { labels: podLabels },
        spec: {
          containers: [
            {
              name: s.name,
              image: s.image,
              ports: [{ name: s.portName, containerPort: s.port, protocol: 'TCP' }],
              ...(s.args ? { args: s.args } : {}),
              ...(s.env.length ? { env: s.env } : {}),
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
  return [{ value: sts, comment: s.comment }, { value: svc }];
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

function brokerEnv(ir: Ir, b: IrBroker): IEnvVar[] {
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
  ];
}

const BROKER_DATA: Record<string, string> = {
  kafka: '/var/lib/kafka/data',
  rabbitmq: '/var/lib/rabbitmq',
  nats: '/data',
  redis: '/data',
  sqs: '/data',
};

/** Secrets the base references; the operator creates them (values never live in the export). */
export function referencedSecrets(ir: Ir): string[] {
  return ir.stores.flatMap((s) => (s.credentials ? [s.credentials.secret] : []));
}

export function k8sFiles(ir: Ir): OutFile[] {
  const files: OutFile[] = [];
  const ns: INamespace = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: ir.namespace, labels: { 'app.kubernetes.io/part-of': ir.namespace, ...MANAGED } },
  };
  files.push({ path: 'k8s/namespace.yaml', content: toYaml({ value: ns }) });
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
          image: s.image,
          port: s.port,
          portName: s.portName,
          storage: s.storage ?? '1Gi',
          ...(s.dataPath ? { dataPath: s.dataPath } : {}),
          env: storeEnv(s),
          comment: `${s.kind} ${JSON.stringify(s.id)} (${s.engine})${secret}`,
        }),
      ),
    });
  }
  for (const b of ir.brokers) {
    files.push({
      path: `k8s/${b.name}.yaml`,
      content: toYaml(
        statefulDocs(ir, {
          name: b.name,
          component: 'broker',
          image: b.image,
          port: b.port,
          portName: b.portName,
          storage: '1Gi',
          dataPath: BROKER_DATA[b.engine]!,
          env: brokerEnv(ir, b),
          ...(b.engine === 'nats' ? { args: [...NATS_ARGS] } : {}),
          comment: `${b.engine} broker for ${b.channels.map((c) => c.name).join(', ')}`,
        }),
      ),
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
