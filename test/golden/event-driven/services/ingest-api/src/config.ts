// Configuration from the environment, the same variables as the generated docker-compose.yml and
// Kubernetes ConfigMap; the defaults are the compose addresses.
export const SERVICE = "ingest-api";
export const PORT = Number(process.env.PORT ?? 8080);
export const HEALTH = { liveness: "/health/liveness", readiness: "/health/readiness" } as const;

function setting(name: string, fallback: string): string {
  const v = process.env[name];
  return v === undefined || v === '' ? fallback : v;
}

export const env = {
  "PORT": setting("PORT", "8080"),
  "UPLOADS_DB_URL": setting("UPLOADS_DB_URL", "postgres://uploads-db:5432/uploads_db"),
  "RABBITMQ_URL": setting("RABBITMQ_URL", "amqp://rabbitmq:5672"),
} as const;

/** Credentials come only from the environment (a Secret in Kubernetes, .env for compose). */
export const secrets = {
  "UPLOADS_DB_USER": process.env["UPLOADS_DB_USER"] ?? '',
  "UPLOADS_DB_PASSWORD": process.env["UPLOADS_DB_PASSWORD"] ?? '',
} as const;
