// docker-compose (the compose-spec) -> workload facts: image, ports (short and long syntax,
// published ones make an entry), deploy.replicas, environment (list and map forms; `$$` is a
// literal `$`), env_file (a note), depends_on (list and map forms), links, healthcheck,
// command/entrypoint, deploy.resources. Every other service key becomes a note on its node.
// Services behind a profile and one-shot jobs others wait to complete are listed, not imported.
import { byImage, composeCpu, composeMemory, goDuration } from './recognize.js';
import { isRecord, type Located, type Raw } from './read.js';
import { newWorkload, type ImportProblem, type ProbeFact, type Unmapped, type Workload } from './types.js';

/** Keys that change nothing a design describes: neither mapped nor worth a note. */
const QUIET = new Set(['restart', 'container_name', 'hostname', 'stdin_open', 'tty', 'init', 'pull_policy', 'platform', 'logging']);
const MAPPED = new Set([
  'image',
  'build',
  'ports',
  'expose',
  'deploy',
  'scale',
  'environment',
  'env_file',
  'depends_on',
  'links',
  'healthcheck',
  'command',
  'entrypoint',
  'networks',
  'labels',
  'profiles',
]);

/** compose's `$$` escape is a literal `$`. */
function unescape(v: string): string {
  return v.replace(/\$\$/g, '$');
}

/** compose interpolation with what the file itself says: `${VAR:-default}` and `${VAR-default}`
 * become their default; `undefined` when a variable without default remains (`${VAR}`, `$VAR`). */
export function interpolate(v: string): string | undefined {
  let open = false;
  const out = v.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (m, name?: string, def?: string) => {
      if (m === '$$') return '$';
      if (name !== undefined && def !== undefined) return def;
      open = true;
      return m;
    },
  );
  return open ? undefined : out;
}

function scalarText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** A shell-form command split on whitespace, keeping quoted parts (no expansion). */
export function shellWords(s: string): string[] {
  const out: string[] = [];
  for (const m of s.matchAll(/"((?:\\.|[^"\\])*)"|'([^']*)'|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

function words(v: unknown): string[] | undefined {
  if (typeof v === 'string') return shellWords(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v.map(String);
  return undefined;
}

/** One `ports` entry: container port, published or not. */
function parsePort(v: unknown): { target: number; published: boolean; name?: string; appProtocol?: string } | string {
  if (typeof v === 'number') return { target: v, published: true }; // `- 3000`: published on an ephemeral host port
  if (typeof v === 'string') {
    const s = v.replace(/\/(tcp|udp|sctp)$/i, '');
    const parts = s.split(':');
    const target = parts.at(-1)!;
    const first = Number(target.split('-')[0]);
    if (!Number.isInteger(first) || first < 1 || first > 65535) return `a port "${v}" that is not a container port`;
    return { target: first, published: true };
  }
  if (isRecord(v)) {
    const target = Number(v.target);
    if (!Number.isInteger(target) || target < 1 || target > 65535) return 'a port without a numeric `target`';
    return {
      target,
      published: v.published !== undefined && v.published !== null,
      ...(typeof v.name === 'string' ? { name: v.name } : {}),
      ...(typeof v.app_protocol === 'string' ? { appProtocol: v.app_protocol } : {}),
    };
  }
  return 'a port entry that is neither a number, a string nor a mapping';
}

/** The path a healthcheck asks (curl/wget/node fetch of http://.../path), if any. */
function healthProbe(h: Raw): ProbeFact | undefined {
  if (h.disable === true) return { type: 'none' };
  const test = Array.isArray(h.test) ? h.test.map(String) : typeof h.test === 'string' ? ['CMD-SHELL', h.test] : [];
  if (test[0] === 'NONE') return { type: 'none' };
  const text = test.slice(1).join(' ');
  const url = /https?:\/\/[^\s/"'`]+(\/[^\s"'`)|;&]*)?/.exec(text);
  if (url) return { type: 'http', path: url[1] ?? '/' };
  // curl/wget of a local address without a scheme (`curl -s localhost:3000/health`).
  if (/\b(curl|wget)\b/.test(text)) {
    const local = [...text.matchAll(/(?:^|\s)(?:localhost|127\.0\.0\.1|0\.0\.0\.0)(?::\d+)?(\/[^\s"'`)|;&]*)?/g)];
    if (local.length) return { type: 'http', path: local.find((m) => m[1])?.[1] ?? '/' };
  }
  if (/grpc_health_probe|grpcurl/.test(text)) return { type: 'grpc', command: test.slice(1) };
  return test.length > 1 ? { type: 'exec', command: test.slice(1) } : undefined;
}

export interface ComposeRead {
  workloads: Workload[];
  problems: ImportProblem[];
  /** services read and left out (profiles, one-shot jobs) */
  unmapped: Unmapped[];
  /** the file's top-level `name` */
  name?: string;
}

export function readCompose(src: Located): ComposeRead {
  const out: ComposeRead = { workloads: [], problems: [], unmapped: [] };
  const top = src.value;
  if (typeof top.name === 'string') out.name = top.name;
  const services = top.services as Raw;
  const waits = new Map<string, string[]>();
  const profiled = new Map<Workload, string[]>();
  for (const name of Object.keys(services)) {
    const svc = services[name];
    const at = (...p: (string | number)[]) => src.at(['services', name, ...p]);
    if (!isRecord(svc)) {
      out.problems.push({ ...at(), message: `services.${name}: expected a mapping of service settings` });
      continue;
    }
    const w = newWorkload(name, at(), 'compose', 'compose service');
    const note = (text: string) => w.notes.push(text);
    if (typeof svc.image === 'string') {
      const image = interpolate(svc.image);
      if (image === undefined) note(`image ${svc.image} needs variables from the host's environment: not imported`);
      else {
        if (image !== unescape(svc.image)) note(`image ${svc.image}: read with the default the file gives`);
        if (image.trim()) w.image = image;
      }
    }
    if (svc.build !== undefined) {
      const ctx = typeof svc.build === 'string' ? svc.build : isRecord(svc.build) ? String(svc.build.context ?? '.') : '.';
      if (!w.image) note(`built from ${ctx} (compose \`build\`); no image named: the image is the node's name`);
    }
    for (const key of ['ports', 'expose'] as const) {
      const list = svc[key];
      if (list === undefined) continue;
      if (!Array.isArray(list)) {
        out.problems.push({ ...at(key), message: `services.${name}.${key}: expected a list` });
        continue;
      }
      list.forEach((p, i) => {
        const parsed = key === 'expose' ? parsePort(typeof p === 'number' ? String(p) : p) : parsePort(p);
        if (typeof parsed === 'string') {
          out.problems.push({ ...at(key, i), message: `services.${name}.${key}[${i}]: ${parsed}` });
          return;
        }
        if (!w.ports.some((x) => x.port === parsed.target))
          w.ports.push({
            port: parsed.target,
            ...(parsed.name ? { name: parsed.name } : {}),
            ...(parsed.appProtocol ? { appProtocol: parsed.appProtocol } : {}),
          });
        if (key === 'ports' && parsed.published) {
          const why = `published port ${typeof p === 'object' ? JSON.stringify(p) : String(p)}`;
          if (!w.entry.includes(why)) w.entry.push(why);
        }
      });
    }
    const deploy = isRecord(svc.deploy) ? svc.deploy : undefined;
    if (deploy && typeof deploy.replicas === 'number' && Number.isInteger(deploy.replicas)) w.replicas = deploy.replicas;
    else if (typeof svc.scale === 'number') w.replicas = svc.scale;
    if (deploy) {
      const res = isRecord(deploy.resources) ? deploy.resources : undefined;
      const limits = res && isRecord(res.limits) ? res.limits : undefined;
      const reservations = res && isRecord(res.reservations) ? res.reservations : undefined;
      const req = { cpu: composeCpu(reservations?.cpus), memory: composeMemory(reservations?.memory) };
      const lim = { cpu: composeCpu(limits?.cpus), memory: composeMemory(limits?.memory) };
      if (req.cpu || req.memory || lim.cpu || lim.memory) {
        w.resources = {};
        // Without reservations the limit is what the service is sized for: also the request.
        const cpu = req.cpu ?? lim.cpu;
        const memory = req.memory ?? lim.memory;
        if (cpu) w.resources.cpu = cpu;
        if (memory) w.resources.memory = memory;
        if (lim.cpu || lim.memory)
          w.resources.limits = { ...(lim.cpu ? { cpu: lim.cpu } : {}), ...(lim.memory ? { memory: lim.memory } : {}) };
      }
      for (const k of Object.keys(deploy)) if (k !== 'replicas' && k !== 'resources') note(`deploy.${k} is not mapped`);
    }
    const env = svc.environment;
    const fromHost: string[] = [];
    if (Array.isArray(env)) {
      for (const item of env) {
        const s = scalarText(item);
        if (s === undefined) continue;
        const eq = s.indexOf('=');
        if (eq < 0) fromHost.push(s);
        else setEnv(w, s.slice(0, eq), s.slice(eq + 1));
      }
    } else if (isRecord(env)) {
      for (const [k, v] of Object.entries(env)) {
        const s = scalarText(v);
        if (s === undefined) fromHost.push(k);
        else setEnv(w, k, s);
      }
    }
    if (fromHost.length)
      note(
        `environment ${fromHost.join(', ')} ${fromHost.length === 1 ? 'is' : 'are'} taken from the host's environment: no value to import`,
      );
    if (svc.env_file !== undefined) {
      const files = Array.isArray(svc.env_file) ? svc.env_file : [svc.env_file];
      const names = files.map((f) => (isRecord(f) ? String(f.path) : String(f)));
      note(`env_file ${names.join(', ')}: not read (its variables may hold more addresses and settings)`);
    }
    const deps = svc.depends_on;
    if (Array.isArray(deps)) for (const d of deps) w.dependsOn.push(String(d));
    else if (isRecord(deps))
      for (const [d, cfg] of Object.entries(deps)) {
        // Waiting for a service to finish is an ordering (an init or migration job), not a call.
        if (isRecord(cfg) && cfg.condition === 'service_completed_successfully') waits.set(d, [...(waits.get(d) ?? []), name]);
        else w.dependsOn.push(d);
      }
    if (Array.isArray(svc.profiles) && svc.profiles.length) profiled.set(w, svc.profiles.map(String));
    if (Array.isArray(svc.links))
      for (const l of svc.links) {
        const [target, alias] = String(l).split(':');
        w.dependsOn.push(target!);
        if (alias) w.notes.push(`links ${target} as "${alias}"`);
      }
    if (isRecord(svc.healthcheck)) {
      const probe = healthProbe(svc.healthcheck);
      if (probe) {
        w.probes.readiness = probe;
        const start = goDuration(svc.healthcheck.start_period);
        if (start) w.probes.startup = { type: probe.type, budget: start };
      }
    }
    const entrypoint = words(svc.entrypoint);
    const command = words(svc.command);
    if (entrypoint) w.command = entrypoint.map(unescape);
    if (command) w.args = command.map(unescape);
    if (isRecord(svc.networks)) {
      for (const cfg of Object.values(svc.networks))
        if (isRecord(cfg) && Array.isArray(cfg.aliases)) for (const a of cfg.aliases) w.hosts.add(String(a).toLowerCase());
    }
    if (typeof svc.hostname === 'string') w.hosts.add(svc.hostname.toLowerCase());
    if (typeof svc.container_name === 'string') w.hosts.add(svc.container_name.toLowerCase());
    if (svc.labels !== undefined) {
      const labels = Array.isArray(svc.labels)
        ? Object.fromEntries(svc.labels.map((l) => String(l).split('=', 2) as [string, string]))
        : isRecord(svc.labels)
          ? svc.labels
          : {};
      for (const [k, v] of Object.entries(labels)) if (typeof v === 'string') w.labels[k] = v;
    }
    const unmapped: string[] = [];
    for (const key of Object.keys(svc)) {
      // A datastore's volumes are its storage: the design sizes it, the export mounts it.
      if (key === 'volumes' && recognizedStore(w)) continue;
      if (MAPPED.has(key) || QUIET.has(key) || key.startsWith('x-')) continue;
      const v = svc[key];
      const what = Array.isArray(v) ? `${v.length} entr${v.length === 1 ? 'y' : 'ies'}` : isRecord(v) ? 'settings' : JSON.stringify(v);
      unmapped.push(`${key} (${what})`);
    }
    // One note for the settings a design does not describe (capabilities, volumes, users...).
    if (unmapped.length) note(`not mapped: ${unmapped.join(', ')}`);
    out.workloads.push(w);
  }
  // Services only started with `--profile X` are not part of `docker compose up` (unless every
  // service has a profile: then the file is all profiles and each is kept).
  if (profiled.size && profiled.size < out.workloads.length)
    for (const [w, profiles] of profiled) {
      out.workloads.splice(out.workloads.indexOf(w), 1);
      out.unmapped.push({
        origin: w.origin,
        message: `${w.name}: only started with --profile ${profiles.join('/')}, not by docker compose up: not imported`,
      });
    }
  else for (const [w, profiles] of profiled) w.notes.push(`started only with --profile ${profiles.join('/')}`);
  // A service others wait to complete (service_completed_successfully) is a one-shot job.
  for (const [job, all] of waits) {
    const w = out.workloads.find((x) => x.name === job);
    const waiting = all.filter((n) => out.workloads.some((x) => x.name === n));
    if (!w) continue;
    if (w.entry.length) {
      for (const x of out.workloads) if (waiting.includes(x.name)) x.dependsOn.push(job);
      continue;
    }
    out.workloads.splice(out.workloads.indexOf(w), 1);
    out.unmapped.push({
      origin: w.origin,
      message: `${job}: a one-shot job (${waiting.join(', ')} wait${waiting.length === 1 ? 's' : ''} for it to complete): jobs are not modelled`,
    });
  }
  return out;
}

function recognizedStore(w: Workload): boolean {
  return byImage(w.image) !== undefined;
}

function setEnv(w: Workload, key: string, raw: string): void {
  const value = interpolate(raw);
  if (value !== undefined) {
    w.env.set(key, value);
    if (value !== unescape(raw)) w.notes.push(`environment ${key}: interpolated with the defaults the file gives`);
    return;
  }
  // Kept for finding addresses, never written into the design.
  w.env.set(key, unescape(raw));
  w.interpolated.add(key);
  w.notes.push(`environment ${key}=${raw} needs variables from the host's environment: not imported`);
}
