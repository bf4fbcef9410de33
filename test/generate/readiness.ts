// Cluster-readiness checks over parsed manifests (generators.md "Ready for a real cluster"),
// written as plain functions so tests run them on every template and golden case, offline:
// - podSecurityRestricted: the Pod Security Standard "restricted" profile (Kubernetes 1.29+), as
//   the admission controller enforces it;
// - kubeScore: the checks kube-score makes that a restricted, highly available export must pass
//   (numeric user/group, read-only root for services, resources, probes, no replicas under an
//   HPA, spread and PDB for more than one pod, a NetworkPolicy for every pod, no token, preStop);
// - allowListsAgree: the NetworkPolicies admit, per callee, exactly the callers Istio's
//   AuthorizationPolicy allows (the diagram is the one allow-list).

import type { Ir } from '../../engine/generate/model.js';
import { probeKind } from '../../engine/generate/k8s.js';

type Obj = Record<string, unknown> & {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string> };
};
type Rec = Record<string, unknown>;

interface SecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: unknown;
  runAsGroup?: unknown;
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  readOnlyRootFilesystem?: boolean;
  capabilities?: { add?: string[]; drop?: string[] };
  seccompProfile?: { type?: string };
  seLinuxOptions?: Rec;
  procMount?: string;
  sysctls?: unknown[];
}
interface Probe {
  httpGet?: { port?: unknown; path?: string };
  grpc?: { port?: unknown };
  tcpSocket?: { port?: unknown };
  exec?: { command?: string[] };
  periodSeconds?: number;
  failureThreshold?: number;
}
interface Container {
  name: string;
  image?: string;
  ports?: { name?: string; containerPort: number; hostPort?: number }[];
  securityContext?: SecurityContext;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  lifecycle?: { preStop?: { exec?: { command?: string[] }; sleep?: { seconds: number } } };
  volumeMounts?: { name: string; mountPath: string }[];
}
interface PodSpec {
  hostNetwork?: boolean;
  hostPID?: boolean;
  hostIPC?: boolean;
  securityContext?: SecurityContext & { fsGroup?: number };
  containers: Container[];
  initContainers?: Container[];
  volumes?: Rec[];
  automountServiceAccountToken?: boolean;
  serviceAccountName?: string;
  terminationGracePeriodSeconds?: number;
  topologySpreadConstraints?: { topologyKey: string; labelSelector?: { matchLabels?: Record<string, string> } }[];
  affinity?: { podAntiAffinity?: unknown };
}

export interface Pod {
  kind: string;
  name: string;
  labels: Record<string, string>;
  spec: PodSpec;
  replicas?: number;
  obj: Obj;
}

export function podsOf(objs: Obj[]): Pod[] {
  const out: Pod[] = [];
  for (const o of objs) {
    if (o.kind !== 'Deployment' && o.kind !== 'StatefulSet' && o.kind !== 'Job') continue;
    const spec = o.spec as { replicas?: number; template: { metadata?: { labels?: Record<string, string> }; spec: PodSpec } };
    out.push({
      kind: o.kind,
      name: o.metadata!.name!,
      labels: spec.template.metadata?.labels ?? {},
      spec: spec.template.spec,
      ...(spec.replicas !== undefined ? { replicas: spec.replicas } : {}),
      obj: o,
    });
  }
  return out;
}

const matches = (selector: Record<string, string> | undefined, labels: Record<string, string> | undefined) =>
  !!selector && Object.entries(selector).every(([k, v]) => labels?.[k] === v);

const ALLOWED_VOLUMES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];

/** Pod Security Standards, "restricted" (and everything "baseline" forbids), per container. */
export function podSecurityRestricted(objs: Obj[]): string[] {
  const errors: string[] = [];
  for (const p of podsOf(objs)) {
    const at = `${p.kind} ${p.name}`;
    const s = p.spec;
    if (s.hostNetwork || s.hostPID || s.hostIPC) errors.push(`${at}: shares a host namespace`);
    for (const v of s.volumes ?? []) {
      const type = Object.keys(v).find((k) => k !== 'name');
      if (!type || !ALLOWED_VOLUMES.includes(type)) errors.push(`${at}: volume ${String(v.name)} of type ${type} is not allowed`);
    }
    const pod = s.securityContext ?? {};
    if (pod.seLinuxOptions) errors.push(`${at}: sets seLinuxOptions`);
    if (pod.sysctls?.length) errors.push(`${at}: sets sysctls`);
    if (pod.runAsUser === 0) errors.push(`${at}: runs as user 0`);
    if (pod.seccompProfile?.type === 'Unconfined') errors.push(`${at}: seccomp Unconfined`);
    for (const c of [...s.containers, ...(s.initContainers ?? [])]) {
      const where = `${at} container ${c.name}`;
      const sc = c.securityContext ?? {};
      if (sc.privileged) errors.push(`${where}: privileged`);
      if (sc.allowPrivilegeEscalation !== false) errors.push(`${where}: allowPrivilegeEscalation is not false`);
      if (!(sc.capabilities?.drop ?? []).includes('ALL')) errors.push(`${where}: capabilities do not drop ALL`);
      for (const cap of sc.capabilities?.add ?? []) if (cap !== 'NET_BIND_SERVICE') errors.push(`${where}: adds capability ${cap}`);
      const nonRoot = sc.runAsNonRoot ?? pod.runAsNonRoot;
      if (nonRoot !== true) errors.push(`${where}: runAsNonRoot is not true`);
      if (sc.runAsUser === 0) errors.push(`${where}: runs as user 0`);
      const seccomp = sc.seccompProfile?.type ?? pod.seccompProfile?.type;
      if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') errors.push(`${where}: seccompProfile is ${String(seccomp)}`);
      if (sc.procMount && sc.procMount !== 'Default') errors.push(`${where}: procMount ${sc.procMount}`);
      if (sc.seLinuxOptions) errors.push(`${where}: sets seLinuxOptions`);
      for (const port of c.ports ?? []) if (port.hostPort) errors.push(`${where}: hostPort ${port.hostPort}`);
    }
  }
  return errors;
}

export interface ScoreOptions {
  /** Deployments whose design says `health.probe: none`: no probes expected */
  noProbes?: Set<string>;
}

const isInt = (x: unknown) => typeof x === 'number' && Number.isInteger(x) && x > 0;

function probePortOk(c: Container, probe: Probe): boolean {
  const port = probe.httpGet?.port ?? probe.grpc?.port ?? probe.tcpSocket?.port;
  if (port === undefined) return !!probe.exec;
  const ports = c.ports ?? [];
  return typeof port === 'string' ? ports.some((x) => x.name === port) : ports.some((x) => x.containerPort === port);
}

/** kube-score's checks that apply, over a whole base (and overlay). */
export function kubeScore(objs: Obj[], opts: ScoreOptions = {}): string[] {
  const errors: string[] = [];
  const pods = podsOf(objs);
  const hpas = objs.filter((o) => o.kind === 'HorizontalPodAutoscaler');
  const policies = objs.filter((o) => o.kind === 'NetworkPolicy');
  const pdbs = objs.filter((o) => o.kind === 'PodDisruptionBudget');
  const services = objs.filter((o) => o.kind === 'Service');
  if (!policies.some((p) => Object.keys(((p.spec as Rec).podSelector as Rec | undefined) ?? {}).length === 0))
    errors.push('no default-deny NetworkPolicy for the namespace');
  for (const p of pods) {
    const at = `${p.kind} ${p.name}`;
    const s = p.spec;
    const pod = s.securityContext ?? {};
    if (s.automountServiceAccountToken !== false) errors.push(`${at}: mounts the service-account token`);
    const hpa = hpas.find((h) => {
      const t = (h.spec as { scaleTargetRef: { kind: string; name: string } }).scaleTargetRef;
      return t.kind === p.kind && t.name === p.name;
    });
    if (hpa && p.replicas !== undefined) errors.push(`${at}: sets replicas while HorizontalPodAutoscaler ${hpa.metadata!.name} owns them`);
    const most = hpa ? (hpa.spec as { maxReplicas: number }).maxReplicas : (p.replicas ?? 1);
    const longRunning = p.kind !== 'Job';
    if (longRunning && most > 1) {
      const spread = (s.topologySpreadConstraints ?? []).some(
        (t) => t.topologyKey === 'kubernetes.io/hostname' && matches(t.labelSelector?.matchLabels, p.labels),
      );
      if (!spread && !s.affinity?.podAntiAffinity) errors.push(`${at}: up to ${most} pods and no spread across nodes`);
    }
    if (longRunning && (p.kind === 'Deployment' ? most : (p.replicas ?? 1)) > 1 && p.kind === 'Deployment') {
      if (!pdbs.some((b) => matches((b.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels, p.labels)))
        errors.push(`${at}: more than one pod and no PodDisruptionBudget`);
    }
    const selected = policies.filter((np) => {
      const sel = ((np.spec as Rec).podSelector as { matchLabels?: Record<string, string> }).matchLabels ?? {};
      return Object.keys(sel).length > 0 && matches(sel, p.labels);
    });
    if (longRunning && !selected.length) errors.push(`${at}: no NetworkPolicy selects its pods`);
    if (p.kind === 'Deployment') {
      if (!s.terminationGracePeriodSeconds) errors.push(`${at}: no terminationGracePeriodSeconds`);
    }
    for (const c of s.containers) {
      const where = `${at} container ${c.name}`;
      const sc = c.securityContext ?? {};
      if (!isInt(sc.runAsUser ?? pod.runAsUser)) errors.push(`${where}: no numeric runAsUser`);
      if (!isInt(sc.runAsGroup ?? pod.runAsGroup)) errors.push(`${where}: no numeric runAsGroup`);
      const r = c.resources ?? {};
      if (!r.requests?.cpu) errors.push(`${where}: no CPU request`);
      if (!r.requests?.memory) errors.push(`${where}: no memory request`);
      if (!r.limits?.memory) errors.push(`${where}: no memory limit`);
      if (p.kind === 'Deployment') {
        // a service: read-only root with a writable /tmp, and a pause before SIGTERM
        if (sc.readOnlyRootFilesystem !== true) errors.push(`${where}: root file system is writable`);
        if (!c.volumeMounts?.some((m) => m.mountPath === '/tmp')) errors.push(`${where}: no writable /tmp`);
        const pre = c.lifecycle?.preStop;
        const pause = pre?.sleep?.seconds ?? (pre?.exec?.command?.[0] === 'sleep' ? Number(pre.exec.command[1]) : undefined);
        if (!pause) errors.push(`${where}: no preStop pause`);
        else if ((s.terminationGracePeriodSeconds ?? 30) <= pause) errors.push(`${where}: grace period does not outlast preStop`);
      }
      if (longRunning && !opts.noProbes?.has(p.name)) {
        if (!c.readinessProbe) errors.push(`${where}: no readiness probe`);
        if (!c.livenessProbe) errors.push(`${where}: no liveness probe`);
      }
      for (const [kind, probe] of [
        ['readiness', c.readinessProbe],
        ['liveness', c.livenessProbe],
        ['startup', c.startupProbe],
      ] as const)
        if (probe && !probePortOk(c, probe)) errors.push(`${where}: ${kind} probe targets a port the container does not have`);
    }
  }
  for (const svc of services) {
    const sel = (svc.spec as { selector?: Record<string, string> }).selector;
    const backing = pods.filter((p) => p.kind !== 'Job' && matches(sel, p.labels));
    for (const p of backing)
      if (!opts.noProbes?.has(p.name) && p.spec.containers.some((c) => !c.readinessProbe))
        errors.push(`Service ${svc.metadata!.name}: pods of ${p.name} have no readiness probe`);
  }
  return errors;
}

const INGRESS_PRINCIPAL = 'cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account';

function peerName(peer: Rec): string {
  const pods = (peer.podSelector as { matchLabels?: Record<string, string> } | undefined)?.matchLabels;
  const ns = (peer.namespaceSelector as { matchLabels?: Record<string, string> } | undefined)?.matchLabels;
  if (ns) {
    const name = ns['kubernetes.io/metadata.name'];
    if (name === 'ingress-nginx' && !pods) return 'ingress';
    if (name === 'istio-system' && pods?.istio === 'ingressgateway') return 'ingress';
    return `namespace ${JSON.stringify(ns)}`;
  }
  const n = pods?.['app.kubernetes.io/name'];
  return n && Object.keys(pods!).length === 1 ? n : `pods ${JSON.stringify(pods)}`;
}

/** Per callee, the callers the NetworkPolicies admit equal those the AuthorizationPolicy allows;
 * every callee has both; every admitted caller is a pod whose ServiceAccount has its name. */
export function allowListsAgree(objs: Obj[], namespace: string): string[] {
  const errors: string[] = [];
  const pods = podsOf(objs);
  const admitted = new Map<string, Set<string>>();
  for (const np of objs.filter((o) => o.kind === 'NetworkPolicy')) {
    const spec = np.spec as {
      podSelector: { matchLabels?: Record<string, string> };
      ingress?: { from?: Rec[]; ports?: { port: unknown }[] }[];
    };
    const target = spec.podSelector.matchLabels?.['app.kubernetes.io/name'];
    if (!target) continue; // the namespace's default deny
    const targetPods = pods.filter((p) => matches(spec.podSelector.matchLabels, p.labels));
    if (!targetPods.length) errors.push(`NetworkPolicy ${np.metadata!.name}: selects no pods`);
    const set = admitted.get(target) ?? new Set<string>();
    for (const rule of spec.ingress ?? []) {
      if (!rule.from?.length) errors.push(`NetworkPolicy ${np.metadata!.name}: a rule admits everyone`);
      for (const peer of rule.from ?? []) set.add(peerName(peer));
      for (const port of rule.ports ?? [])
        for (const p of targetPods)
          if (!p.spec.containers.some((c) => c.ports?.some((x) => x.name === port.port || x.containerPort === port.port)))
            errors.push(`NetworkPolicy ${np.metadata!.name}: port ${String(port.port)} is not on ${p.name}`);
    }
    admitted.set(target, set);
  }
  const allowed = new Map<string, Set<string>>();
  const prefix = `cluster.local/ns/${namespace}/sa/`;
  for (const ap of objs.filter((o) => o.kind === 'AuthorizationPolicy')) {
    const spec = ap.spec as {
      selector?: { matchLabels?: Record<string, string> };
      rules?: { from?: { source: { principals?: string[] } }[] }[];
    };
    const target = spec.selector?.matchLabels?.['app.kubernetes.io/name'];
    if (!target) continue;
    const set = allowed.get(target) ?? new Set<string>();
    for (const r of spec.rules ?? [])
      for (const f of r.from ?? [])
        for (const pr of f.source.principals ?? [])
          set.add(pr === INGRESS_PRINCIPAL ? 'ingress' : pr.startsWith(prefix) ? pr.slice(prefix.length) : `principal ${pr}`);
    allowed.set(target, set);
  }
  const hasIstio = allowed.size > 0;
  for (const [target, set] of admitted) {
    for (const caller of set) {
      if (caller === 'ingress') continue;
      const callerPods = pods.filter((p) => p.labels['app.kubernetes.io/name'] === caller);
      if (!callerPods.length) errors.push(`NetworkPolicy for ${target}: admits ${caller}, which no pod is`);
      for (const p of callerPods)
        if (p.spec.serviceAccountName !== caller)
          errors.push(`${p.kind} ${p.name}: labelled ${caller} but runs as ServiceAccount ${String(p.spec.serviceAccountName)}`);
    }
    if (!hasIstio) continue;
    const want = allowed.get(target);
    if (!want) {
      errors.push(`${target}: a NetworkPolicy but no AuthorizationPolicy`);
      continue;
    }
    const a = [...set].sort();
    const b = [...want].sort();
    if (a.join() !== b.join())
      errors.push(`${target}: NetworkPolicies admit [${a.join(', ')}], AuthorizationPolicy allows [${b.join(', ')}]`);
  }
  for (const target of allowed.keys()) if (!admitted.has(target)) errors.push(`${target}: an AuthorizationPolicy but no NetworkPolicy`);
  // every long-running pod is a callee with its own policy
  for (const p of pods)
    if (p.kind !== 'Job' && !admitted.has(p.labels['app.kubernetes.io/name'] ?? ''))
      errors.push(`${p.kind} ${p.name}: no NetworkPolicy of its own`);
  return errors;
}

/** Deployments of workloads whose design says `health.probe: none` (kubeScore expects no probes). */
export function unprobed(ir: Ir): Set<string> {
  return new Set(ir.workloads.filter((w) => probeKind(w) === 'none').flatMap((w) => w.versions.map((v) => v.deployment)));
}
