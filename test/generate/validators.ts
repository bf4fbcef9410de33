// Offline validation of generated exports against the real schemas of their formats: the
// compose-spec JSON schema shipped in dclint (through ajv), kubernetes-models and
// @kubernetes-models/istio validate(), and cross-reference checks a cluster would otherwise
// reveal only at apply time (selectors, ConfigMaps, Secrets, Services, subsets, weights).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parseAllDocuments, parse } from 'yaml';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Gateway } from '@kubernetes-models/istio/networking.istio.io/v1/Gateway';
import { VirtualService } from '@kubernetes-models/istio/networking.istio.io/v1/VirtualService';
import { DestinationRule } from '@kubernetes-models/istio/networking.istio.io/v1/DestinationRule';
import { PeerAuthentication } from '@kubernetes-models/istio/security.istio.io/v1/PeerAuthentication';
import { AuthorizationPolicy } from '@kubernetes-models/istio/security.istio.io/v1/AuthorizationPolicy';

const require = createRequire(import.meta.url);
const addFormats = addFormatsModule as unknown as (a: Ajv) => Ajv;

type Obj = Record<string, unknown> & {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string> };
};
interface Validatable {
  validate(): void;
}
type ModelCtor = new (data: never) => Validatable;

const MODELS: Record<string, ModelCtor> = {
  'v1/ConfigMap': ConfigMap as unknown as ModelCtor,
  'v1/Namespace': Namespace as unknown as ModelCtor,
  'v1/Service': Service as unknown as ModelCtor,
  'v1/ServiceAccount': ServiceAccount as unknown as ModelCtor,
  'apps/v1/Deployment': Deployment as unknown as ModelCtor,
  'apps/v1/StatefulSet': StatefulSet as unknown as ModelCtor,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler as unknown as ModelCtor,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget as unknown as ModelCtor,
  'networking.k8s.io/v1/Ingress': Ingress as unknown as ModelCtor,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy as unknown as ModelCtor,
  'batch/v1/Job': Job as unknown as ModelCtor,
  'networking.istio.io/v1/Gateway': Gateway as unknown as ModelCtor,
  'networking.istio.io/v1/VirtualService': VirtualService as unknown as ModelCtor,
  'networking.istio.io/v1/DestinationRule': DestinationRule as unknown as ModelCtor,
  'security.istio.io/v1/PeerAuthentication': PeerAuthentication as unknown as ModelCtor,
  'security.istio.io/v1/AuthorizationPolicy': AuthorizationPolicy as unknown as ModelCtor,
};

let composeValidator: ReturnType<Ajv['compile']> | undefined;

export function validateCompose(text: string): string[] {
  if (!composeValidator) {
    const schema = JSON.parse(
      readFileSync(join(dirname(require.resolve('dclint/package.json')), 'schemas/compose.schema.json'), 'utf8'),
    ) as Record<string, unknown>;
    delete schema.$schema;
    const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
    composeValidator = ajv.compile(schema);
  }
  const doc = parse(text, { version: '1.1' }) as Obj;
  const errors: string[] = [];
  if (!composeValidator(doc)) for (const e of composeValidator.errors ?? []) errors.push(`compose schema: ${e.instancePath} ${e.message}`);
  const services = (doc.services ?? {}) as Record<string, Record<string, unknown>>;
  for (const [name, s] of Object.entries(services)) {
    for (const dep of Object.keys((s.depends_on ?? {}) as object))
      if (!services[dep]) errors.push(`${name}: depends_on unknown service ${dep}`);
    for (const v of Object.values((s.environment ?? {}) as Record<string, unknown>))
      if (typeof v !== 'string') errors.push(`${name}: environment value ${String(v)} is not a string`);
  }
  return errors;
}

/** Every document of every YAML file, with the file it came from. */
export function loadObjects(files: { path: string; content: string }[]): { file: string; obj: Obj }[] {
  const out: { file: string; obj: Obj }[] = [];
  for (const f of files) {
    if (!f.path.endsWith('.yaml') || f.path.endsWith('kustomization.yaml')) continue;
    for (const d of parseAllDocuments(f.content, { version: '1.1' })) {
      if (d.errors.length) throw new Error(`${f.path}: ${d.errors[0]!.message}`);
      out.push({ file: f.path, obj: d.toJS() as Obj });
    }
  }
  return out;
}

/** Schema validation by the typed models; an unknown kind is an error too. */
export function validateModels(objs: { file: string; obj: Obj }[]): string[] {
  const errors: string[] = [];
  for (const { file, obj } of objs) {
    const key = `${obj.apiVersion}/${obj.kind}`;
    const Ctor = MODELS[key];
    if (!Ctor) {
      errors.push(`${file}: no schema known for ${key}`);
      continue;
    }
    try {
      new Ctor(obj as never).validate();
    } catch (e) {
      errors.push(`${file}: ${key} ${obj.metadata?.name}: ${(e as Error).message}`);
    }
  }
  return errors;
}

const matches = (selector: Record<string, string>, labels: Record<string, string> | undefined) =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels?.[k] === v);

/** Cross references inside the k8s base and the Istio overlay. `externalSecrets` are the
 * Secrets the export references on purpose without values. */
export function crossCheck(objs: Obj[], namespace: string, externalSecrets: string[]): string[] {
  const errors: string[] = [];
  const of = (kind: string) => objs.filter((o) => o.kind === kind);
  const names = (kind: string) => new Set(of(kind).map((o) => o.metadata!.name!));
  type Pod = { labels: Record<string, string>; spec: Obj; owner: string };
  const pods: Pod[] = [];
  for (const w of [...of('Deployment'), ...of('StatefulSet')]) {
    const spec = w.spec as Obj;
    const tpl = spec.template as { metadata: { labels: Record<string, string> }; spec: Obj };
    const sel = (spec.selector as { matchLabels: Record<string, string> }).matchLabels;
    if (!matches(sel, tpl.metadata.labels)) errors.push(`${w.kind} ${w.metadata!.name}: selector does not match its pod labels`);
    pods.push({ labels: tpl.metadata.labels, spec: tpl.spec, owner: w.metadata!.name! });
    if (w.kind === 'StatefulSet' && !names('Service').has(spec.serviceName as string))
      errors.push(`StatefulSet ${w.metadata!.name}: no Service ${String(spec.serviceName)}`);
  }
  for (const o of objs)
    if (o.kind !== 'Namespace' && o.metadata?.namespace !== namespace)
      errors.push(`${o.kind} ${o.metadata?.name}: not in namespace ${namespace}`);
  const configMaps = names('ConfigMap');
  const serviceAccounts = names('ServiceAccount');
  for (const p of pods) {
    if (p.spec.serviceAccountName && !serviceAccounts.has(p.spec.serviceAccountName as string))
      errors.push(`${p.owner}: no ServiceAccount ${String(p.spec.serviceAccountName)}`);
    for (const c of p.spec.containers as Obj[]) {
      for (const ef of (c.envFrom ?? []) as { configMapRef?: { name: string } }[])
        if (ef.configMapRef && !configMaps.has(ef.configMapRef.name)) errors.push(`${p.owner}: no ConfigMap ${ef.configMapRef.name}`);
      for (const e of (c.env ?? []) as { valueFrom?: { secretKeyRef?: { name: string } } }[]) {
        const s = e.valueFrom?.secretKeyRef?.name;
        if (s && !externalSecrets.includes(s)) errors.push(`${p.owner}: Secret ${s} is neither generated nor documented`);
      }
      const ports = new Set(((c.ports ?? []) as { name: string }[]).map((x) => x.name));
      for (const probe of [c.livenessProbe, c.readinessProbe] as ({ httpGet?: { port: number | string } } | undefined)[])
        if (probe?.httpGet && typeof probe.httpGet.port === 'string' && !ports.has(probe.httpGet.port))
          errors.push(`${p.owner}: probe port missing`);
    }
  }
  const services = of('Service');
  for (const s of services) {
    const spec = s.spec as { selector: Record<string, string>; ports: { name: string; targetPort: string | number }[] };
    const backing = pods.filter((p) => matches(spec.selector, p.labels));
    if (!backing.length) errors.push(`Service ${s.metadata!.name}: selector matches no pods`);
    for (const port of spec.ports) {
      if (!/^(http|grpc|tcp|tls|https|http2|mongo|mysql|redis)(-|$)/.test(port.name))
        errors.push(`Service ${s.metadata!.name}: port ${port.name} not protocol-named`);
      if (typeof port.targetPort === 'string')
        for (const p of backing)
          if (!(p.spec.containers as { ports?: { name: string }[] }[]).some((c) => c.ports?.some((x) => x.name === port.targetPort)))
            errors.push(`Service ${s.metadata!.name}: targetPort ${port.targetPort} missing on ${p.owner}`);
    }
  }
  const svcNames = new Set(services.map((s) => s.metadata!.name!));
  const deployments = names('Deployment');
  for (const h of of('HorizontalPodAutoscaler')) {
    const t = (h.spec as { scaleTargetRef: { kind: string; name: string } }).scaleTargetRef;
    if (t.kind !== 'Deployment' || !deployments.has(t.name)) errors.push(`HPA ${h.metadata!.name}: no Deployment ${t.name}`);
  }
  for (const b of of('PodDisruptionBudget')) {
    const sel = (b.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels;
    const n = pods.filter((p) => matches(sel, p.labels)).length;
    if (!n) errors.push(`PDB ${b.metadata!.name}: selector matches no pods`);
  }
  for (const i of of('Ingress'))
    for (const r of (i.spec as { rules: { http: { paths: { backend: { service: { name: string } } }[] } }[] }).rules)
      for (const p of r.http.paths)
        if (!svcNames.has(p.backend.service.name)) errors.push(`Ingress ${i.metadata!.name}: no Service ${p.backend.service.name}`);

  // Istio
  const host = (h: string) => h.replace(new RegExp(`\\.${namespace}\\.svc\\.cluster\\.local$`), '');
  const subsets = new Map<string, Set<string>>();
  for (const d of of('DestinationRule')) {
    const spec = d.spec as { host: string; subsets?: { name: string; labels: Record<string, string> }[] };
    const h = host(spec.host);
    if (!svcNames.has(h)) errors.push(`DestinationRule ${d.metadata!.name}: no Service ${h}`);
    subsets.set(h, new Set((spec.subsets ?? []).map((s) => s.name)));
    const svc = services.find((s) => s.metadata!.name === h);
    for (const s of spec.subsets ?? []) {
      const sel = { ...((svc?.spec as { selector: Record<string, string> } | undefined)?.selector ?? {}), ...s.labels };
      if (!pods.some((p) => matches(sel, p.labels))) errors.push(`DestinationRule ${d.metadata!.name}: subset ${s.name} matches no pods`);
    }
  }
  const gateways = names('Gateway');
  for (const v of of('VirtualService')) {
    const spec = v.spec as {
      gateways?: string[];
      http: { route: { destination: { host: string; subset?: string }; weight?: number }[] }[];
    };
    for (const g of spec.gateways ?? [])
      if (g !== 'mesh' && !gateways.has(g)) errors.push(`VirtualService ${v.metadata!.name}: no Gateway ${g}`);
    for (const r of spec.http) {
      const total = r.route.reduce((s, d) => s + (d.weight ?? 0), 0);
      if (r.route.length > 1 && total !== 100) errors.push(`VirtualService ${v.metadata!.name}: weights sum to ${total}`);
      for (const d of r.route) {
        const h = host(d.destination.host);
        if (!svcNames.has(h)) errors.push(`VirtualService ${v.metadata!.name}: no Service ${h}`);
        if (d.destination.subset && !subsets.get(h)?.has(d.destination.subset))
          errors.push(`VirtualService ${v.metadata!.name}: no subset ${d.destination.subset} of ${h}`);
      }
    }
  }
  for (const a of of('AuthorizationPolicy')) {
    const sel = (a.spec as { selector?: { matchLabels: Record<string, string> } }).selector?.matchLabels;
    if (sel && !pods.some((p) => matches(sel, p.labels))) errors.push(`AuthorizationPolicy ${a.metadata!.name}: selector matches no pods`);
  }
  return errors;
}
