// Kubernetes manifests -> workload facts. A node per Deployment, StatefulSet and DaemonSet (its
// first container, or the one named after it); Services attach to the workloads their selector
// picks (their names become hosts, LoadBalancer/NodePort make an entry, the Service port is what
// callers dial); Deployments behind one Service that differ by a `version` label are one node with
// `versions`; Ingress backends are entries; HPAs give `autoscale`; ConfigMaps referenced by
// envFrom or env valueFrom are resolved; probes give health and protocol.
import { quantity } from './recognize.js';
import { isRecord, type Located } from './read.js';
import { newWorkload, type ImportProblem, type PortFact, type ProbeFact, type Unmapped, type Workload } from './types.js';

const CONTROLLERS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController']);
/** Objects that describe nothing a design holds (identity, disruption, packaging): not noted. */
const QUIET = new Set(['Namespace', 'ServiceAccount', 'Kustomization', 'PodDisruptionBudget', 'Component']);
export const ISTIO_KINDS = new Set(['VirtualService', 'DestinationRule', 'Gateway', 'AuthorizationPolicy']);

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}
function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
function labelsOf(v: unknown): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  if (isRecord(v)) for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
}
function matches(selector: Record<string, string>, labels: Record<string, string>): boolean {
  const keys = Object.keys(selector);
  return keys.length > 0 && keys.every((k) => labels[k] === selector[k]);
}

export interface KubeWorkload {
  w: Workload;
  kind: string;
  name: string;
  namespace?: string;
  podLabels: Record<string, string>;
  /** container port names -> numbers (for named targetPorts and probes) */
  portNames: Map<string, number>;
  /** HPA-free replicas set in the manifest */
  specReplicas?: number;
  src: Located;
}

function probeOf(p: unknown, portNames: Map<string, number>): ProbeFact | undefined {
  if (!isRecord(p)) return undefined;
  const budget = () => {
    const period = num(p.periodSeconds) ?? 10;
    const failures = num(p.failureThreshold) ?? 3;
    return ((num(p.initialDelaySeconds) ?? 0) + period * failures) * 1000;
  };
  if (isRecord(p.grpc)) return { type: 'grpc', budget: budget() };
  if (isRecord(p.httpGet)) return { type: 'http', path: str(p.httpGet.path) ?? '/', budget: budget() };
  if (isRecord(p.tcpSocket)) return { type: 'tcp', budget: budget() };
  if (isRecord(p.exec) && Array.isArray(p.exec.command)) {
    const command = p.exec.command.map(String);
    // Online Boutique's older manifests: exec of grpc_health_probe -addr=:8080.
    if (command.some((c) => /grpc_health_probe|grpc-health-probe/.test(c))) return { type: 'grpc', command, budget: budget() };
    return { type: 'exec', command, budget: budget() };
  }
  void portNames;
  return undefined;
}

/** `$(VAR)` in an env value is Kubernetes' dependent variable: expanded from the ones before. */
function expand(value: string, env: Map<string, string>): string {
  return value.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, name: string) => env.get(name) ?? m);
}

export interface KubeRead {
  workloads: KubeWorkload[];
  problems: ImportProblem[];
  unmapped: Unmapped[];
  namespaces: Set<string>;
  /** Istio objects, read once workloads and hosts are known */
  istio: Located[];
}

export function readKubernetes(objects: Located[]): KubeRead {
  const out: KubeRead = { workloads: [], problems: [], unmapped: [], namespaces: new Set(['default']), istio: [] };
  const configMaps = new Map<string, Record<string, string>>();
  for (const o of objects) {
    const md = isRecord(o.value.metadata) ? o.value.metadata : {};
    if (typeof md.namespace === 'string') out.namespaces.add(md.namespace.toLowerCase());
    if (o.value.kind === 'Namespace' && typeof md.name === 'string') out.namespaces.add(md.name.toLowerCase());
    if (o.value.kind === 'ConfigMap' && typeof md.name === 'string') {
      const data = Object.create(null) as Record<string, string>;
      if (isRecord(o.value.data)) for (const [k, v] of Object.entries(o.value.data)) data[k] = String(v);
      configMaps.set(md.name, data);
    }
  }
  const usedConfigMaps = new Set<string>();

  // Controllers first: every other object refers to them.
  for (const o of objects) {
    const kind = String(o.value.kind);
    if (!CONTROLLERS.has(kind)) continue;
    const md = isRecord(o.value.metadata) ? o.value.metadata : undefined;
    const name = md && str(md.name);
    if (!name) {
      out.problems.push({ ...o.at(['metadata']), message: `${kind} without metadata.name` });
      continue;
    }
    const spec = isRecord(o.value.spec) ? o.value.spec : {};
    const template = isRecord(spec.template) ? spec.template : {};
    const podSpec = isRecord(template.spec) ? template.spec : {};
    const containers = Array.isArray(podSpec.containers) ? podSpec.containers.filter(isRecord) : [];
    if (containers.length === 0) {
      out.problems.push({
        ...o.at(['spec', 'template', 'spec']),
        message: `${kind} ${name}: no containers (spec.template.spec.containers)`,
      });
      continue;
    }
    const mainIndex = Math.max(
      0,
      containers.findIndex((c) => c.name === name),
    );
    const c = containers[mainIndex]!;
    const w = newWorkload(name.toLowerCase(), o.at([]), 'kubernetes', kind);
    const note = (t: string) => w.notes.push(t);
    w.labels = { ...labelsOf(md!.labels), ...labelsOf(isRecord(template.metadata) ? template.metadata.labels : undefined) };
    const podLabels = labelsOf(isRecord(template.metadata) ? template.metadata.labels : undefined);
    if (str(c.image)) w.image = c.image as string;
    w.serviceAccount = str(podSpec.serviceAccountName) ?? 'default';
    const portNames = new Map<string, number>();
    if (Array.isArray(c.ports))
      for (const p of c.ports) {
        if (!isRecord(p) || !num(p.containerPort)) continue;
        const port: PortFact = { port: p.containerPort as number };
        if (str(p.name)) {
          port.name = p.name as string;
          portNames.set(p.name as string, port.port);
        }
        w.ports.push(port);
      }
    const specReplicas = num(spec.replicas);
    if (kind === 'DaemonSet') note('a DaemonSet: one replica per cluster node; the design runs the replicas it is given');
    else if (specReplicas !== undefined) w.replicas = specReplicas;

    // Environment: envFrom ConfigMaps first, then env (which overrides), as the kubelet does.
    if (Array.isArray(c.envFrom))
      c.envFrom.forEach((ef) => {
        if (!isRecord(ef)) return;
        const prefix = str(ef.prefix) ?? '';
        if (isRecord(ef.configMapRef) && str(ef.configMapRef.name)) {
          const cmName = ef.configMapRef.name as string;
          const data = configMaps.get(cmName);
          usedConfigMaps.add(cmName);
          if (!data) note(`envFrom ConfigMap ${cmName}: not among the files read`);
          else for (const [k, v] of Object.entries(data)) w.env.set(prefix + k, v);
        } else if (isRecord(ef.secretRef)) note(`envFrom Secret ${String(ef.secretRef.name)}: secrets are not imported`);
      });
    if (Array.isArray(c.env))
      for (const e of c.env) {
        if (!isRecord(e) || !str(e.name)) continue;
        const key = e.name as string;
        if (e.value !== undefined && e.value !== null) w.env.set(key, expand(String(e.value), w.env));
        else if (isRecord(e.valueFrom)) {
          const vf = e.valueFrom;
          if (isRecord(vf.configMapKeyRef)) {
            const cmName = String(vf.configMapKeyRef.name);
            usedConfigMaps.add(cmName);
            const v = configMaps.get(cmName)?.[String(vf.configMapKeyRef.key)];
            if (v !== undefined) w.env.set(key, v);
            else note(`env ${key} from ConfigMap ${cmName}: not among the files read`);
          } else if (isRecord(vf.secretKeyRef))
            w.secretEnv.push({ name: key, secret: String(vf.secretKeyRef.name), key: String(vf.secretKeyRef.key) });
          else if (isRecord(vf.fieldRef)) note(`env ${key} from the pod's ${String(vf.fieldRef.fieldPath)}: not mapped`);
          else note(`env ${key}: valueFrom is not mapped`);
        } else w.env.set(key, '');
      }
    const command = Array.isArray(c.command) ? c.command.map(String) : undefined;
    const args = Array.isArray(c.args) ? c.args.map(String) : undefined;
    if (command) w.command = command;
    if (args) w.args = args;
    if (isRecord(c.resources)) {
      const req = isRecord(c.resources.requests) ? c.resources.requests : {};
      const lim = isRecord(c.resources.limits) ? c.resources.limits : {};
      const r: NonNullable<Workload['resources']> = {};
      const cpu = quantity(req.cpu);
      const memory = quantity(req.memory);
      if (cpu) r.cpu = cpu;
      if (memory) r.memory = memory;
      const lc = quantity(lim.cpu);
      const lm = quantity(lim.memory);
      if (lc || lm) r.limits = { ...(lc ? { cpu: lc } : {}), ...(lm ? { memory: lm } : {}) };
      if (Object.keys(r).length) w.resources = r;
    }
    const live = probeOf(c.livenessProbe, portNames);
    const ready = probeOf(c.readinessProbe, portNames);
    const startup = probeOf(c.startupProbe, portNames);
    if (live) w.probes.liveness = live;
    if (ready) w.probes.readiness = ready;
    if (startup) w.probes.startup = startup;
    if (Array.isArray(spec.volumeClaimTemplates)) {
      const first = spec.volumeClaimTemplates.find(isRecord);
      const storage =
        first && isRecord(first.spec) && isRecord(first.spec.resources) && isRecord(first.spec.resources.requests)
          ? quantity(first.spec.resources.requests.storage)
          : undefined;
      if (storage) w.storage = storage;
    }
    containers.forEach((other, i) => {
      if (i !== mainIndex) note(`container ${String(other.name)} (${String(other.image)}) beside the main one: not mapped`);
    });
    if (Array.isArray(podSpec.initContainers) && podSpec.initContainers.length)
      note(`${podSpec.initContainers.length} init container(s): not mapped`);
    const pvcs = Array.isArray(podSpec.volumes) ? podSpec.volumes.filter((v) => isRecord(v) && v.persistentVolumeClaim) : [];
    if (pvcs.length) note(`${pvcs.length} persistent volume claim(s): not mapped`);
    out.workloads.push({
      w,
      kind,
      name,
      ...(md && str(md.namespace) ? { namespace: md.namespace as string } : {}),
      podLabels,
      portNames,
      ...(specReplicas !== undefined ? { specReplicas } : {}),
      src: o,
    });
  }

  // Services: hosts, ports, entries; a Service over several version-labelled Deployments makes
  // them one node with versions.
  const services = objects.filter((o) => o.value.kind === 'Service');
  const merged = new Set<KubeWorkload>();
  const outerPort = new Map<Workload, number>();
  for (const s of services) {
    const md = isRecord(s.value.metadata) ? s.value.metadata : {};
    const name = str(md.name);
    const spec = isRecord(s.value.spec) ? s.value.spec : {};
    if (!name) {
      out.problems.push({ ...s.at(['metadata']), message: 'Service without metadata.name' });
      continue;
    }
    const selector = labelsOf(spec.selector);
    const picked = out.workloads.filter((k) => !merged.has(k) && matches(selector, k.podLabels));
    if (picked.length === 0) {
      out.unmapped.push({ origin: s.at([]), message: `Service ${name}: selects no workload among the files read` });
      continue;
    }
    const versions = new Set(picked.map((k) => k.podLabels.version ?? k.podLabels['app.kubernetes.io/version']));
    let target = picked[0]!;
    if (picked.length > 1 && versions.size === picked.length && !versions.has(undefined)) {
      // Canary/blue-green: one node named after the Service, a version per Deployment.
      const first = picked[0]!;
      const w = first.w;
      w.name = name.toLowerCase();
      w.hosts.add(w.name);
      w.versions = picked.map((k) => ({
        key: k.podLabels.version ?? k.podLabels['app.kubernetes.io/version']!,
        ...(k.w.image ? { image: k.w.image } : {}),
        ...(k.w.replicas !== undefined ? { replicas: k.w.replicas } : {}),
        autoscaled: false,
      }));
      w.deployments = picked.map((k) => k.name);
      for (const k of picked.slice(1)) {
        merged.add(k);
        for (const n of k.w.notes) if (!w.notes.includes(n)) w.notes.push(n);
      }
      target = first;
    } else if (picked.length > 1) {
      out.unmapped.push({
        node: picked[0]!.w.name,
        origin: s.at(['spec', 'selector']),
        message: `Service ${name} selects ${picked.map((k) => k.name).join(', ')}: its name is taken as ${picked[0]!.name}'s`,
      });
    }
    const w = target.w;
    // Istio's convention for one version: Deployment `details-v1` behind Service `details`. The
    // node is what callers address: the Service's name.
    const version = target.podLabels.version ?? target.podLabels['app.kubernetes.io/version'];
    if (picked.length === 1 && version && w.name === `${name.toLowerCase()}-${version.toLowerCase()}` && !w.versions.length) {
      w.deployments = [target.name];
      w.name = name.toLowerCase();
    }
    w.hosts.add(name.toLowerCase());
    const type = str(spec.type) ?? 'ClusterIP';
    if (type === 'LoadBalancer' || type === 'NodePort') w.entry.push(`${type} Service ${name}`);
    const ports = Array.isArray(spec.ports) ? spec.ports.filter(isRecord) : [];
    for (const p of ports) {
      const port = num(p.port);
      if (!port) continue;
      const tp = p.targetPort;
      const targetPort = typeof tp === 'number' ? tp : typeof tp === 'string' ? (target.portNames.get(tp) ?? Number(tp)) : port;
      const fact = w.ports.find((x) => x.port === targetPort);
      if (fact) {
        if (!fact.name && str(p.name)) fact.name = p.name as string;
        if (!fact.appProtocol && str(p.appProtocol)) fact.appProtocol = p.appProtocol as string;
      } else if (Number.isInteger(targetPort) && targetPort > 0) {
        w.ports.push({
          port: targetPort,
          ...(str(p.name) ? { name: p.name as string } : {}),
          ...(str(p.appProtocol) ? { appProtocol: p.appProtocol as string } : {}),
        });
      }
      // The in-cluster Service (ClusterIP) gives the port callers dial; a NodePort or LoadBalancer
      // Service has a cluster IP too, and is used when no ClusterIP Service selects the workload.
      if (type === 'ClusterIP' && spec.clusterIP !== 'None' && w.servicePort === undefined && ports.indexOf(p) === 0 && port !== targetPort)
        w.servicePort = port;
      if ((type === 'NodePort' || type === 'LoadBalancer') && ports.indexOf(p) === 0 && port !== targetPort && !outerPort.has(w))
        outerPort.set(w, port);
    }
  }
  for (const [w, port] of outerPort) w.servicePort ??= port;
  out.workloads = out.workloads.filter((k) => !merged.has(k));
  const byHost = (host: string) => out.workloads.find((k) => k.w.hosts.has(host.toLowerCase()));
  const byDeployment = (name: string) => out.workloads.find((k) => k.name === name || (k.w.deployments ?? []).includes(name));

  for (const o of objects) {
    const kind = String(o.value.kind);
    const md = isRecord(o.value.metadata) ? o.value.metadata : {};
    const name = str(md.name) ?? '(unnamed)';
    const spec = isRecord(o.value.spec) ? o.value.spec : {};
    if (CONTROLLERS.has(kind) || kind === 'Service' || QUIET.has(kind)) continue;
    if (kind === 'ConfigMap') {
      if (!usedConfigMaps.has(name))
        out.unmapped.push({ origin: o.at([]), message: `ConfigMap ${name}: no workload reads it by envFrom or env` });
      continue;
    }
    if (kind === 'Ingress') {
      const backends: string[] = [];
      const add = (b: unknown) => {
        if (!isRecord(b)) return;
        const svc = isRecord(b.service) ? str(b.service.name) : str(b.serviceName);
        if (svc && !backends.includes(svc)) backends.push(svc);
      };
      add(spec.defaultBackend ?? spec.backend);
      if (Array.isArray(spec.rules))
        for (const r of spec.rules)
          if (isRecord(r) && isRecord(r.http) && Array.isArray(r.http.paths)) for (const p of r.http.paths) if (isRecord(p)) add(p.backend);
      for (const b of backends) {
        const k = byHost(b);
        if (k) k.w.entry.push(`Ingress ${name}`);
        else out.unmapped.push({ origin: o.at([]), message: `Ingress ${name}: backend ${b} is not a Service of a workload read` });
      }
      continue;
    }
    if (kind === 'HorizontalPodAutoscaler') {
      const ref = isRecord(spec.scaleTargetRef) ? spec.scaleTargetRef : {};
      const k = str(ref.name) ? byDeployment(ref.name as string) : undefined;
      if (!k) {
        out.unmapped.push({
          origin: o.at(['spec', 'scaleTargetRef']),
          message: `HorizontalPodAutoscaler ${name}: its target is not a workload read`,
        });
        continue;
      }
      let cpu = num(spec.targetCPUUtilizationPercentage);
      const other: string[] = [];
      if (Array.isArray(spec.metrics))
        for (const m of spec.metrics) {
          if (!isRecord(m)) continue;
          const r = isRecord(m.resource) ? m.resource : undefined;
          const t = r && isRecord(r.target) ? r.target : undefined;
          if (m.type === 'Resource' && r?.name === 'cpu' && t && num(t.averageUtilization)) cpu = t.averageUtilization as number;
          else other.push(String(m.type === 'Resource' ? `${String(r?.name)} utilization` : m.type));
        }
      const behavior = isRecord(spec.behavior) ? spec.behavior : {};
      const down = isRecord(behavior.scaleDown) ? num(behavior.scaleDown.stabilizationWindowSeconds) : undefined;
      const min = num(spec.minReplicas) ?? 1;
      const max = num(spec.maxReplicas) ?? Math.max(min, 10);
      const a = { min, max, ...(cpu !== undefined ? { cpu: cpu / 100 } : {}), ...(down !== undefined ? { downDelay: down * 1000 } : {}) };
      const version = k.w.versions.find((v) => (k.w.deployments ?? [])[k.w.versions.indexOf(v)] === ref.name);
      if (version) version.autoscaled = true;
      if (!k.w.autoscale) k.w.autoscale = a;
      if (other.length) k.w.notes.push(`autoscaling on ${other.join(', ')}: not mapped (the design scales on CPU)`);
      if (cpu === undefined) k.w.notes.push('the HPA has no CPU target: the design assumes 70%');
      continue;
    }
    if (kind === 'NetworkPolicy') {
      const sel = isRecord(spec.podSelector) ? labelsOf(spec.podSelector.matchLabels) : {};
      // An empty selector is the namespace's default (deny or allow all): nothing per workload.
      if (Object.keys(sel).length === 0) continue;
      const targets = out.workloads.filter((k) => matches(sel, k.podLabels));
      if (targets.length === 0) {
        out.unmapped.push({
          origin: o.at(['spec', 'podSelector']),
          message: `NetworkPolicy ${name}: selects no workload among the files read`,
        });
        continue;
      }
      const rules = Array.isArray(spec.ingress) ? spec.ingress.filter(isRecord) : [];
      for (const r of rules) {
        const peers = Array.isArray(r.from) ? r.from.filter(isRecord) : [];
        for (const peer of peers) {
          const pods = isRecord(peer.podSelector) ? labelsOf(peer.podSelector.matchLabels) : undefined;
          const ns = isRecord(peer.namespaceSelector) ? labelsOf(peer.namespaceSelector.matchLabels) : undefined;
          if (pods && Object.keys(pods).length && !ns) {
            for (const caller of out.workloads.filter((k) => matches(pods, k.podLabels)))
              for (const t of targets) if (caller !== t && !t.w.allowedFrom.includes(caller.w.name)) t.w.allowedFrom.push(caller.w.name);
          } else if (
            (ns && Object.values(ns).some((v) => /ingress|gateway|istio-system|traefik|kong|contour|envoy/.test(v))) ||
            isRecord(peer.ipBlock)
          ) {
            const why = `NetworkPolicy ${name}: ingress from ${ns ? `namespace ${Object.values(ns).join(',')}` : `ipBlock ${String((peer.ipBlock as { cidr?: string }).cidr)}`}`;
            for (const t of targets) if (!t.w.entry.includes(why)) t.w.entry.push(why);
          } else for (const t of targets) t.w.notes.push(`NetworkPolicy ${name}: a peer other than pods of this namespace is not mapped`);
        }
      }
      continue;
    }
    if (ISTIO_KINDS.has(kind) && /^(networking|security)\.istio\.io\//.test(String(o.value.apiVersion))) {
      out.istio.push(o);
      continue;
    }
    out.unmapped.push({ origin: o.at([]), message: `${kind} ${name}: not mapped` });
  }

  // Replicas an HPA owns: the manifest leaves them out; the design starts at the HPA's minimum.
  for (const k of out.workloads) {
    const w = k.w;
    if (w.autoscale && w.replicas === undefined) {
      w.replicas = w.autoscale.min;
      w.replicasFromHpa = true;
    }
    for (const v of w.versions) if (v.replicas === undefined && v.autoscaled && w.autoscale) v.replicas = w.autoscale.min;
  }
  return out;
}
