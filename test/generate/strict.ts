// Schema validation with unknown fields refused. kubernetes-models' validate() accepts any
// made-up field (its schemas allow additional properties), so every object is also walked against
// the same models' TypeScript declarations (kubernetes-models and @kubernetes-models/istio, both
// generated from the Kubernetes OpenAPI and Istio CRD schemas): a field that the declaration does
// not have, at any depth, is an error, as `kubectl apply --validate=strict` would refuse it. The
// declarations are only parsed (no type-checker), so a whole golden set takes well under a second.
import ts from 'typescript';
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

const TYPES: Record<string, [string, string]> = {
  'v1/ConfigMap': ['kubernetes-models/v1/ConfigMap', 'IConfigMap'],
  'v1/Namespace': ['kubernetes-models/v1/Namespace', 'INamespace'],
  'v1/Service': ['kubernetes-models/v1/Service', 'IService'],
  'v1/ServiceAccount': ['kubernetes-models/v1/ServiceAccount', 'IServiceAccount'],
  'apps/v1/Deployment': ['kubernetes-models/apps/v1/Deployment', 'IDeployment'],
  'apps/v1/StatefulSet': ['kubernetes-models/apps/v1/StatefulSet', 'IStatefulSet'],
  'batch/v1/Job': ['kubernetes-models/batch/v1/Job', 'IJob'],
  'autoscaling/v2/HorizontalPodAutoscaler': ['kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler', 'IHorizontalPodAutoscaler'],
  'policy/v1/PodDisruptionBudget': ['kubernetes-models/policy/v1/PodDisruptionBudget', 'IPodDisruptionBudget'],
  'networking.k8s.io/v1/Ingress': ['kubernetes-models/networking.k8s.io/v1/Ingress', 'IIngress'],
  'networking.k8s.io/v1/NetworkPolicy': ['kubernetes-models/networking.k8s.io/v1/NetworkPolicy', 'INetworkPolicy'],
  'networking.istio.io/v1/Gateway': ['@kubernetes-models/istio/networking.istio.io/v1/Gateway', 'IGateway'],
  'networking.istio.io/v1/VirtualService': ['@kubernetes-models/istio/networking.istio.io/v1/VirtualService', 'IVirtualService'],
  'networking.istio.io/v1/DestinationRule': ['@kubernetes-models/istio/networking.istio.io/v1/DestinationRule', 'IDestinationRule'],
  'security.istio.io/v1/PeerAuthentication': ['@kubernetes-models/istio/security.istio.io/v1/PeerAuthentication', 'IPeerAuthentication'],
  'security.istio.io/v1/AuthorizationPolicy': ['@kubernetes-models/istio/security.istio.io/v1/AuthorizationPolicy', 'IAuthorizationPolicy'],
};

/** A parsed declaration file: its interfaces/type aliases and where its imported names live. */
interface Decl {
  file: string;
  types: Map<string, ts.InterfaceDeclaration | ts.TypeAliasDeclaration>;
  /** exported alias -> local name (`export { IDeploymentSpec as IIoK8sApiAppsV1DeploymentSpec }`) */
  aliases: Map<string, string>;
  /** imported name -> [module specifier, name in that module] */
  imports: Map<string, [string, string]>;
}

const decls = new Map<string, Decl>();

function parseDecl(file: string): Decl {
  const hit = decls.get(file);
  if (hit) return hit;
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const d: Decl = { file, types: new Map(), aliases: new Map(), imports: new Map() };
  for (const st of sf.statements) {
    if (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) d.types.set(st.name.text, st);
    else if (ts.isImportDeclaration(st) && st.importClause?.namedBindings && ts.isNamedImports(st.importClause.namedBindings)) {
      const from = (st.moduleSpecifier as ts.StringLiteral).text;
      for (const el of st.importClause.namedBindings.elements) d.imports.set(el.name.text, [from, (el.propertyName ?? el.name).text]);
    } else if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause) && !st.moduleSpecifier)
      for (const el of st.exportClause.elements) d.aliases.set(el.name.text, (el.propertyName ?? el.name).text);
  }
  decls.set(file, d);
  return d;
}

function resolveModule(from: string, spec: string): string {
  if (spec.startsWith('.')) return join(dirname(from), `${spec}.d.ts`);
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const base = join(dir, 'node_modules', spec);
    if (existsSync(`${base}.d.ts`)) return `${base}.d.ts`;
    if (existsSync(join(base, 'package.json'))) {
      const pkg = JSON.parse(readFileSync(join(base, 'package.json'), 'utf8')) as {
        types?: string;
        typings?: string;
        exports?: { '.'?: { types?: string } };
      };
      const types = pkg.types ?? pkg.typings ?? pkg.exports?.['.']?.types ?? 'index.d.ts';
      return join(base, types);
    }
    if (dirname(dir) === dir) throw new Error(`strict schema: cannot find ${spec} from ${from}`);
  }
}

/** A named type as seen from a declaration file: the declaration and the file it lives in. */
function lookup(d: Decl, name: string): { decl: Decl; node: ts.InterfaceDeclaration | ts.TypeAliasDeclaration } | undefined {
  const local = d.types.get(name) ?? d.types.get(d.aliases.get(name) ?? '');
  if (local) return { decl: d, node: local };
  const imp = d.imports.get(name);
  if (!imp) return undefined;
  return lookup(parseDecl(resolveModule(d.file, imp[0])), imp[1]);
}

/** The shape a value must have: an object with known members (and maybe any-key values), an
 * array, a union of shapes, or a leaf whose value the models' own validate() checks. */
type Shape = { t: 'object'; props: Map<string, Ref>; index?: Ref } | { t: 'array'; item: Ref } | { t: 'union'; of: Ref[] } | { t: 'leaf' };
interface Ref {
  decl: Decl;
  node: ts.TypeNode | ts.InterfaceDeclaration;
}

const shapes = new Map<ts.Node, Shape>();

function members(decl: Decl, list: ts.NodeArray<ts.TypeElement>, into: Extract<Shape, { t: 'object' }>) {
  for (const m of list) {
    if (ts.isPropertySignature(m) && m.type) {
      const name = ts.isStringLiteral(m.name) || ts.isIdentifier(m.name) ? m.name.text : m.name.getText();
      into.props.set(name, { decl, node: m.type });
    } else if (ts.isIndexSignatureDeclaration(m)) into.index = { decl, node: m.type };
  }
}

function shapeOf(ref: Ref): Shape {
  const hit = shapes.get(ref.node);
  if (hit) return hit;
  const { decl, node } = ref;
  let shape: Shape = { t: 'leaf' };
  if (ts.isInterfaceDeclaration(node)) {
    const obj: Extract<Shape, { t: 'object' }> = { t: 'object', props: new Map() };
    shapes.set(node, obj); // recursive types (JSONSchemaProps) end here
    for (const h of node.heritageClauses ?? [])
      for (const e of h.types)
        if (ts.isIdentifier(e.expression)) {
          const base = lookup(decl, e.expression.text);
          if (base) {
            const b = shapeOf({ decl: base.decl, node: ts.isInterfaceDeclaration(base.node) ? base.node : base.node.type });
            if (b.t === 'object') for (const [k, v] of b.props) obj.props.set(k, v);
          }
        }
    members(decl, node.members, obj);
    return obj;
  }
  if (ts.isTypeLiteralNode(node)) {
    const obj: Extract<Shape, { t: 'object' }> = { t: 'object', props: new Map() };
    members(decl, node.members, obj);
    shape = obj;
  } else if (ts.isArrayTypeNode(node)) shape = { t: 'array', item: { decl, node: node.elementType } };
  else if (ts.isParenthesizedTypeNode(node)) shape = shapeOf({ decl, node: node.type });
  else if (ts.isUnionTypeNode(node)) {
    const of = node.types.map((x) => ({ decl, node: x })).filter((r) => shapeOf(r).t !== 'leaf');
    shape = of.length === 0 ? { t: 'leaf' } : of.length === 1 && of.length === node.types.length ? shapeOf(of[0]!) : { t: 'union', of };
    // a union of objects and primitives (IntOrString-like) lets a primitive through
    if (shape.t === 'union' && of.length < node.types.length)
      shape = { t: 'union', of: [...of, { decl, node: ts.factory.createKeywordTypeNode(ts.SyntaxKind.StringKeyword) }] };
  } else if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) {
    const name = node.typeName.text;
    if (name === 'Array' && node.typeArguments?.[0]) shape = { t: 'array', item: { decl, node: node.typeArguments[0] } };
    else if (name === 'Record' && node.typeArguments?.[1])
      shape = { t: 'object', props: new Map(), index: { decl, node: node.typeArguments[1] } };
    else {
      const target = lookup(decl, name);
      if (target) shape = shapeOf({ decl: target.decl, node: ts.isInterfaceDeclaration(target.node) ? target.node : target.node.type });
    }
  }
  shapes.set(node, shape);
  return shape;
}

/** Unknown fields in `value` under `ref`, as JSON paths. */
function unknownFields(value: unknown, ref: Ref, path: string, out: string[]): void {
  const shape = shapeOf(ref);
  if (shape.t === 'leaf' || value === null || value === undefined) return;
  if (shape.t === 'array') {
    if (Array.isArray(value)) value.forEach((v, i) => unknownFields(v, shape.item, `${path}[${i}]`, out));
    return;
  }
  if (shape.t === 'union') {
    const tries = shape.of.map((r) => {
      const errs: string[] = [];
      unknownFields(value, r, path, errs);
      return errs;
    });
    const best = tries.reduce((a, b) => (b.length < a.length ? b : a));
    out.push(...best);
    return;
  }
  if (typeof value !== 'object' || Array.isArray(value)) return;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const p = shape.props.get(k) ?? shape.index;
    if (!p) out.push(`${path}.${k}`);
    else unknownFields(v, p, `${path}.${k}`, out);
  }
}

export interface Labelled {
  /** where the object came from, for messages: `case: file` */
  where: string;
  obj: { apiVersion?: string; kind?: string; metadata?: { name?: string } };
}

/** One message per unknown field (or unknown kind), naming the object and the field's path. */
export function strictSchemaErrors(objs: Labelled[]): string[] {
  const errors: string[] = [];
  for (const { where, obj } of objs) {
    const key = `${obj.apiVersion}/${obj.kind}`;
    const label = `${where}: ${key} ${obj.metadata?.name ?? '?'}`;
    const t = TYPES[key];
    if (!t) {
      errors.push(`${label}: no schema known`);
      continue;
    }
    const root = lookup(parseDecl(resolveModule(join(ROOT_DIR, 'x.ts'), t[0])), t[1]);
    if (!root || !ts.isInterfaceDeclaration(root.node)) throw new Error(`strict schema: no interface ${t[1]} in ${t[0]}`);
    const found: string[] = [];
    unknownFields(obj, { decl: root.decl, node: root.node }, '', found);
    for (const f of found) errors.push(`${label}: unknown field ${f.slice(1)}`);
  }
  return errors;
}

const ROOT_DIR = dirname(require.resolve('kubernetes-models/package.json')).replace(/[\\/]node_modules[\\/]kubernetes-models$/, '');
