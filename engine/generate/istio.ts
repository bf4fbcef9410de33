// Istio overlay on the Kubernetes base (generators.md "Istio"), networking.istio.io/v1 and
// security.istio.io/v1 only, mapped from the design, not invented: gateway routes -> Gateway +
// VirtualService; each caller's timeout/retry -> a sourceLabels route of the callee's
// VirtualService (Istio counts retries, the design counts tries: attempts - 1; timeout bounds one
// try: perTryTimeout, and the route timeout covers every try and backoff); versions -> subsets
// and weights; balancer -> loadBalancer; concurrency/queue -> connectionPool; breaker ->
// outlierDetection; the diagram's edges -> one ALLOW AuthorizationPolicy per callee, mTLS STRICT.
import type { IVirtualService } from '@kubernetes-models/istio/networking.istio.io/v1/VirtualService';
import type { IDestinationRule } from '@kubernetes-models/istio/networking.istio.io/v1/DestinationRule';
import type { IGateway } from '@kubernetes-models/istio/networking.istio.io/v1/Gateway';
import type { IPeerAuthentication } from '@kubernetes-models/istio/security.istio.io/v1/PeerAuthentication';
import type { IAuthorizationPolicy } from '@kubernetes-models/istio/security.istio.io/v1/AuthorizationPolicy';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { httpTargets, totalBudget, type Ir, type IrPolicy, type IrWorkload, type Protocol } from './model.js';
import { brokerCallers, selectorLabels, servicePort, type OutFile } from './k8s.js';
import { toYaml, type YamlDoc } from './yaml.js';

type HttpRoute = NonNullable<NonNullable<IVirtualService['spec']>['http']>[number];
type TrafficPolicy = NonNullable<NonNullable<IDestinationRule['spec']>['trafficPolicy']>;

const INGRESS_PRINCIPAL = 'cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account';
/** The pods of Istio's default ingress gateway: the Gateway's selector and who the gateway's
 * NetworkPolicy admits under the mesh. */
const INGRESS_NAMESPACE = 'istio-system';
const INGRESS_SELECTOR = { istio: 'ingressgateway' };
/** The placeholder domain of the Istio Gateway's hosts (RFC 2606: reserved for examples). */
export const HOST_DOMAIN = 'example.com';

/** The outside host of a gateway: `<gateway>.<namespace>.example.com`, from the design's name;
 * replace the domain with yours (and the certificate Secret with one for it). */
export function gatewayHost(ir: Ir, w: IrWorkload): string {
  return `${w.name}.${ir.namespace}.${HOST_DOMAIN}`;
}

/** The TLS certificate Secret the ingress gateway serves for a gateway (in istio-system, where the
 * ingress gateway reads it): a placeholder to create, never generated. */
export function certificateSecret(ir: Ir, w: IrWorkload): string {
  return `${ir.namespace}-${w.name}-tls`.slice(0, 253);
}
const LABELS = { 'app.kubernetes.io/managed-by': 'meshwright' };
/** Outlier detection's sweep: the design's breaker counts calls, not time, so Istio's default. */
const OUTLIER_INTERVAL = 10_000;

/** Go/Istio duration from milliseconds: `2s`, `250ms`. */
export function istioDuration(ms: number): string {
  const r = Math.max(1, Math.round(ms));
  return r % 1000 === 0 ? `${r / 1000}s` : `${r}ms`;
}

export { totalBudget };

function retryOn(protocol: Protocol): string {
  // The design retries any failed try: 5xx (which includes a per-try timeout), resets, refusals.
  return protocol === 'grpc'
    ? '5xx,reset,connect-failure,refused-stream,cancelled,deadline-exceeded,internal,resource-exhausted,unavailable'
    : '5xx,reset,connect-failure,refused-stream';
}

export function policyRoute(p: IrPolicy, protocol: Protocol): Pick<HttpRoute, 'timeout' | 'retries'> {
  const out: Pick<HttpRoute, 'timeout' | 'retries'> = {};
  const total = totalBudget(p);
  if (total !== undefined) out.timeout = istioDuration(total);
  if (p.retry && p.retry.attempts > 1) {
    out.retries = {
      attempts: p.retry.attempts - 1,
      ...(p.timeout !== undefined ? { perTryTimeout: istioDuration(p.timeout) } : {}),
      backoff: istioDuration(p.retry.backoff),
      retryOn: retryOn(protocol),
    };
  } else out.retries = { attempts: 0 }; // no retry in the design; Istio would add 2 of its own
  return out;
}

const fqdn = (ir: Ir, name: string) => `${name}.${ir.namespace}.svc.cluster.local`;

function destinations(ir: Ir, w: IrWorkload): HttpRoute['route'] {
  const host = fqdn(ir, w.name);
  const port = { number: servicePort(w) };
  if (w.versions.length < 2) return [{ destination: { host, port } }];
  return w.versions.map((v) => ({ destination: { host, subset: v.name, port }, weight: v.percent }));
}

function loadBalancer(w: IrWorkload): { lb: TrafficPolicy['loadBalancer']; note?: string } {
  switch (w.node.balancer) {
    case 'random':
      return { lb: { simple: 'RANDOM' } };
    case 'least_request':
      return { lb: { simple: 'LEAST_REQUEST' } };
    case 'consistent_hash':
      return w.node.hashKey
        ? { lb: { consistentHash: { httpHeaderName: w.node.hashKey } } }
        : {
            lb: { consistentHash: { useSourceIp: true } },
            note: 'consistent_hash has no hashKey in the design: hashing on the source IP.',
          };
    case 'weighted_round_robin':
      return {
        lb: { simple: 'ROUND_ROBIN' },
        note: "weighted_round_robin: Envoy's round robin honours endpoint weights; version weights are the VirtualService's.",
      };
    default:
      return { lb: { simple: 'ROUND_ROBIN' } };
  }
}

function workloadDocs(ir: Ir, w: IrWorkload, byName: Map<string, IrWorkload>): YamlDoc[] {
  const docs: YamlDoc[] = [];
  const labels = { ...selectorLabels(w.name), ...LABELS };
  // Each caller's policy for this callee, in the caller's own order of calls/routes/steps.
  const callerPolicies: { caller: string; policy: IrPolicy; protocol: Protocol }[] = [];
  for (const caller of w.callers) {
    const c = byName.get(caller)!;
    const t = httpTargets(c).find((x) => x.name === w.name);
    if (t) callerPolicies.push({ caller, policy: t.policy, protocol: t.protocol });
  }

  const notes: string[] = [];
  const { lb, note } = loadBalancer(w);
  if (note) notes.push(note);
  const replicas = w.versions.reduce((s, v) => s + v.replicas, 0) || 1;
  const trafficPolicy: TrafficPolicy = {
    loadBalancer: lb,
    connectionPool: {
      tcp: { maxConnections: w.node.concurrency * replicas },
      http: { http2MaxRequests: w.node.concurrency * replicas, http1MaxPendingRequests: Math.max(1, w.node.queue * replicas) },
    },
  };
  notes.push(
    `connectionPool: concurrency ${w.node.concurrency} and queue ${w.node.queue} per replica x ${replicas} replicas; Envoy enforces it per calling proxy, the design per replica.`,
  );
  const breakers = callerPolicies.filter((c) => c.policy.breaker);
  if (breakers.length) {
    const b = breakers[0]!.policy.breaker!;
    trafficPolicy.outlierDetection = {
      consecutive5xxErrors: Math.max(1, Math.ceil(b.failureRate * b.minCalls)),
      interval: istioDuration(OUTLIER_INTERVAL),
      baseEjectionTime: istioDuration(b.openFor),
      maxEjectionPercent: 100,
    };
    notes.push(
      `outlierDetection from ${breakers[0]!.caller}'s breaker (failureRate ${Math.round(b.failureRate * 100)}% of minCalls ${b.minCalls}, openFor ${istioDuration(b.openFor)}).`,
      `Semantics differ: Istio ejects single endpoints after consecutive 5xx, checked every interval (${istioDuration(OUTLIER_INTERVAL)}, Istio's default; the design's breaker has no time window),`,
      "for all callers at once; the design's breaker counts a sliding window of calls per caller, opens for the",
      'whole callee and lets halfOpenCalls trial calls through. The stubs keep the exact breaker in-process.',
      ...(breakers.length > 1
        ? [
            `Other callers with breakers (${breakers
              .slice(1)
              .map((x) => x.caller)
              .join(', ')}) keep theirs in their stubs only.`,
          ]
        : []),
    );
  }
  const dr: IDestinationRule = {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: w.name, namespace: ir.namespace, labels },
    spec: {
      host: fqdn(ir, w.name),
      trafficPolicy,
      ...(w.versions.length > 1 ? { subsets: w.versions.map((v) => ({ name: v.name, labels: { version: v.name } })) } : {}),
    },
  };
  docs.push({ value: dr, comment: notes.join('\n') });

  const http: HttpRoute[] = callerPolicies.map((c) => ({
    name: `from-${c.caller}`,
    match: [{ sourceLabels: { app: c.caller } }],
    route: destinations(ir, w),
    ...policyRoute(c.policy, c.protocol),
  }));
  http.push({ name: 'default', route: destinations(ir, w), retries: { attempts: 0 } });
  const vs: IVirtualService = {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: w.name, namespace: ir.namespace, labels },
    spec: { hosts: [fqdn(ir, w.name)], http },
  };
  docs.push({
    value: vs,
    comment:
      "One route per caller drawn in the design with that call's timeout and retries (design attempts - 1 = Istio retries;\n" +
      'perTryTimeout = the design timeout; timeout = every try plus every backoff).',
  });

  // Outside traffic comes in through Istio's ingress gateway to the design's gateways only (which
  // then route): the same allow-list as the base's NetworkPolicies.
  const ingress = w.kind === 'gateway';
  const principals = [...(ingress ? [INGRESS_PRINCIPAL] : []), ...w.callers.map((c) => `cluster.local/ns/${ir.namespace}/sa/${c}`)];
  docs.push(authorization(ir, w.name, principals));

  if (w.kind === 'gateway') {
    const host = gatewayHost(ir, w);
    const gw: IGateway = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      metadata: { name: w.name, namespace: ir.namespace, labels },
      spec: {
        selector: INGRESS_SELECTOR,
        servers: [
          {
            port: { number: 443, name: 'https', protocol: 'HTTPS' },
            hosts: [host],
            tls: { mode: 'SIMPLE', credentialName: certificateSecret(ir, w), minProtocolVersion: 'TLSV1_2' },
          },
          { port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: [host], tls: { httpsRedirect: true } },
        ],
      },
    };
    const rateLimit = w.node.kind === 'gateway' ? w.node.rateLimit : undefined;
    docs.push({
      value: gw,
      comment: [
        `${JSON.stringify(w.id)}: the entry point on Istio's ingress gateway, HTTPS for ${host} (HTTP redirects to it).`,
        `Replace ${HOST_DOMAIN} with your domain, and create the certificate Secret in ${INGRESS_NAMESPACE} first, e.g.`,
        `  kubectl -n ${INGRESS_NAMESPACE} create secret tls ${certificateSecret(ir, w)} --cert=... --key=...`,
        ...(rateLimit !== undefined
          ? [
              `rateLimit ${rateLimit}/s is enforced by the gateway's own workload, which every outside request passes through;`,
              "Istio's v1 APIs have no rate limit (it takes an EnvoyFilter with envoy.filters.http.local_ratelimit).",
            ]
          : []),
      ].join('\n'),
    });
    const ivs: IVirtualService = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: w.ingressName, namespace: ir.namespace, labels },
      spec: {
        hosts: [host],
        gateways: [w.name],
        http: [{ name: 'to-gateway', route: destinations(ir, w), retries: { attempts: 0 } }],
      },
    };
    docs.push({
      value: ivs,
      comment: "Outside traffic goes to the design's gateway workload, which routes it (and applies its rate limit): never around it.",
    });
    // The base admits the plain Ingress controller; under the mesh the ingress gateway's pods call.
    const np: INetworkPolicy = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: w.ingressName, namespace: ir.namespace, labels },
      spec: {
        podSelector: { matchLabels: selectorLabels(w.name) },
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [
              {
                namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': INGRESS_NAMESPACE } },
                podSelector: { matchLabels: INGRESS_SELECTOR },
              },
            ],
            ports: [{ port: w.protocol, protocol: 'TCP' }],
          },
        ],
      },
    };
    docs.push({ value: np, comment: "Istio's ingress gateway may reach the gateway (added to the base's policy for it)." });
  }
  return docs;
}

function authorization(ir: Ir, name: string, principals: string[]): YamlDoc {
  const ap: IAuthorizationPolicy = {
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: { name, namespace: ir.namespace, labels: { ...selectorLabels(name), ...LABELS } },
    spec: {
      selector: { matchLabels: selectorLabels(name) },
      action: 'ALLOW',
      ...(principals.length ? { rules: [{ from: [{ source: { principals } }] }] } : {}),
    },
  };
  return {
    value: ap,
    comment: principals.length
      ? 'The diagram is the allow-list: only the callers drawn in the design reach this workload.'
      : 'No caller is drawn in the design: an ALLOW policy without rules denies every request.',
  };
}

export function istioFiles(ir: Ir): OutFile[] {
  const files: OutFile[] = [];
  const byName = new Map(ir.workloads.map((w) => [w.name, w]));
  const pa: IPeerAuthentication = {
    apiVersion: 'security.istio.io/v1',
    kind: 'PeerAuthentication',
    metadata: { name: 'default', namespace: ir.namespace, labels: LABELS },
    spec: { mtls: { mode: 'STRICT' } },
  };
  files.push({
    path: 'istio/peer-authentication.yaml',
    content: toYaml({ value: pa, comment: 'mTLS between every workload of the namespace' }),
  });
  for (const w of ir.workloads) files.push({ path: `istio/${w.name}.yaml`, content: toYaml(workloadDocs(ir, w, byName)) });
  for (const s of ir.stores) {
    const dr: IDestinationRule = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name: s.name, namespace: ir.namespace, labels: { ...selectorLabels(s.name), ...LABELS } },
      spec: {
        host: fqdn(ir, s.name),
        trafficPolicy: { connectionPool: { tcp: { maxConnections: s.connections } } },
      },
    };
    files.push({
      path: `istio/${s.name}.yaml`,
      content: toYaml([
        { value: dr, comment: `${s.kind} ${JSON.stringify(s.id)}: connections from the design` },
        authorization(
          ir,
          s.name,
          s.callers.map((c) => `cluster.local/ns/${ir.namespace}/sa/${c}`),
        ),
      ]),
    });
  }
  for (const b of ir.brokers)
    files.push({
      path: `istio/${b.name}.yaml`,
      content: toYaml(
        authorization(
          ir,
          b.name,
          brokerCallers(b).map((c) => `cluster.local/ns/${ir.namespace}/sa/${c}`),
        ),
      ),
    });
  const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ir.namespace, labels: { 'istio-injection': 'enabled' } } };
  files.push({ path: 'istio/namespace.yaml', content: toYaml({ value: ns, comment: 'patch: sidecar injection for the namespace' }) });
  const gateways = ir.workloads.filter((w) => w.kind === 'gateway');
  const kustomization = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    namespace: ir.namespace,
    resources: ['../k8s', ...files.filter((f) => f.path !== 'istio/namespace.yaml').map((f) => f.path.slice('istio/'.length))],
    patches: [
      { path: 'namespace.yaml' },
      // One way in: under the mesh, outside traffic enters through the Istio Gateway, so the base's
      // Ingresses go (one patch for all of them, by label, not one per object).
      ...(gateways.length
        ? [
            {
              patch: toYaml({
                value: { $patch: 'delete', apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'any' } },
              }),
              target: { kind: 'Ingress', labelSelector: 'app.kubernetes.io/managed-by=meshwright' },
            },
          ]
        : []),
    ],
  };
  files.push({
    path: 'istio/kustomization.yaml',
    content: toYaml({
      value: kustomization,
      comment: [
        `${ir.designName}: Istio overlay on the Kubernetes base (../k8s)`,
        ...(gateways.length
          ? [
              `TLS certificate Secrets referenced and not generated (create them in ${INGRESS_NAMESPACE}): ${gateways.map((w) => certificateSecret(ir, w)).join(', ')}`,
            ]
          : []),
        'Pod Security "restricted" with sidecars needs the Istio CNI node agent (istio-init needs NET_ADMIN and NET_RAW).',
      ].join('\n'),
    }),
  });
  return files;
}
