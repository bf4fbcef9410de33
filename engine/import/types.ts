// The import's intermediate facts: what the compose files and manifests say about each workload,
// before it becomes a design node. Readers (compose.ts, kubernetes.ts, istio.ts) fill them; the
// builder (build.ts) decides kinds, calls and fields from them.

export interface Origin {
  file: string;
  line: number;
  column: number;
}

/** Something that cannot be read: an error, with where. */
export interface ImportProblem extends Origin {
  message: string;
}

/** Something that was read and not mapped into the design (also kept as a node note). */
export interface Unmapped {
  node?: string;
  origin: Origin;
  message: string;
}

export interface PortFact {
  port: number;
  name?: string;
  appProtocol?: string;
}

export interface ProbeFact {
  type: 'http' | 'grpc' | 'tcp' | 'exec' | 'none';
  path?: string;
  /** exec probes that run grpc_health_probe count as gRPC */
  command?: string[];
  /** the longest a start may take (startup probes), ms */
  budget?: number;
}

export interface VersionFact {
  key: string;
  image?: string;
  replicas?: number;
  autoscaled: boolean;
  weight?: number;
}

export interface AutoscaleFact {
  min: number;
  max: number;
  cpu?: number;
  downDelay?: number;
}

export interface PolicyFact {
  timeout?: number;
  retry?: { attempts: number; backoff?: number; multiplier?: number };
  /** the route timeout was read without a per-try timeout: a guess */
  timeoutGuessed?: boolean;
}

export interface Workload {
  /** the node id (a compose service or Kubernetes workload name) */
  name: string;
  origin: Origin;
  source: 'compose' | 'kubernetes';
  controller: string;
  image?: string;
  ports: PortFact[];
  /** the port callers dial when it differs from the container port (a Kubernetes Service port) */
  servicePort?: number;
  /** names other workloads reach it by: Service names, compose names, aliases */
  hosts: Set<string>;
  replicas?: number;
  /** replicas were not set (an HPA owns them): taken from the HPA's minimum */
  replicasFromHpa?: boolean;
  /** literal environment, in order */
  env: Map<string, string>;
  /** variables compose interpolates from the host (no default given): read for addresses only */
  interpolated: Set<string>;
  /** variables from Secrets: names only, values never leave the cluster */
  secretEnv: { name: string; secret: string; key: string }[];
  /** the pod's ServiceAccount (Istio principals name it) */
  serviceAccount?: string;
  /** callers an Istio AuthorizationPolicy allows, by ServiceAccount */
  allowedAccounts: string[];
  /** callers a NetworkPolicy admits, by workload name */
  allowedFrom: string[];
  /** the Deployments merged into this node, one per version (Kubernetes canaries) */
  deployments?: string[];
  command?: string[];
  args?: string[];
  resources?: { cpu?: string; memory?: string; limits?: { cpu?: string; memory?: string } };
  probes: { liveness?: ProbeFact; readiness?: ProbeFact; startup?: ProbeFact };
  autoscale?: AutoscaleFact;
  labels: Record<string, string>;
  /** compose depends_on and links, by name */
  dependsOn: string[];
  /** why it is an entry from outside (published port, LoadBalancer Service, Ingress, Istio Gateway) */
  entry: string[];
  versions: VersionFact[];
  storage?: string;
  /** Istio connectionPool, per replica (the export's inverse) */
  concurrency?: number;
  queue?: number;
  connections?: number;
  balancer?: { kind: string; hashKey?: string };
  /** Istio outlierDetection: consecutive 5xx and ejection time */
  outlier?: { consecutive: number; openFor?: number };
  /** Istio policies for callers: by caller name, or '*' for every caller */
  policies: Map<string, PolicyFact>;
  /** gateway routes from an Istio ingress VirtualService (path prefix -> workload name) */
  routes: { path: string; to: string }[];
  notes: string[];
  /** the compose project it belongs to, when the files hold several (its hosts resolve there first) */
  project?: string;
}

export function newWorkload(name: string, origin: Origin, source: Workload['source'], controller: string): Workload {
  return {
    name,
    origin,
    source,
    controller,
    ports: [],
    hosts: new Set([name.toLowerCase()]),
    env: new Map(),
    secretEnv: [],
    interpolated: new Set(),
    allowedAccounts: [],
    allowedFrom: [],
    probes: {},
    labels: Object.create(null) as Record<string, string>,
    dependsOn: [],
    entry: [],
    versions: [],
    policies: new Map(),
    routes: [],
    notes: [],
  };
}
