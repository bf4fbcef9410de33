// Configuration from the environment, the same variables as the generated docker-compose.yml and
// Kubernetes ConfigMap; the defaults are the compose addresses.
export const SERVICE = "auditor";
export const PORT = Number(process.env.PORT ?? 3000);
export const HEALTH = { liveness: "/health/liveness", readiness: "/health/readiness" } as const;

function setting(name: string, fallback: string): string {
  const v = process.env[name];
  return v === undefined || v === '' ? fallback : v;
}

export const env = {
  "PORT": setting("PORT", "3000"),
  "AUDIT_DB_URL": setting("AUDIT_DB_URL", "cassandra://audit-db:9042"),
  "SESSIONS_URL": setting("SESSIONS_URL", "memcached://sessions:11211"),
  "KV_URL": setting("KV_URL", "redis://kv:6379"),
  "NATS_URL": setting("NATS_URL", "nats://nats:4222"),
  "REDIS_URL": setting("REDIS_URL", "redis://redis:6379"),
} as const;

/** Credentials come only from the environment (a Secret in Kubernetes, .env for compose). */
export const secrets = {
} as const;
