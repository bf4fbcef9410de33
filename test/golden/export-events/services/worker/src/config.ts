// Configuration from the environment, the same variables as the generated docker-compose.yml and
// Kubernetes ConfigMap; the defaults are the compose addresses.
export const SERVICE = "worker";
export const PORT = Number(process.env.PORT ?? 3000);
export const HEALTH = { liveness: "/health/liveness", readiness: "/health/readiness" } as const;

function setting(name: string, fallback: string): string {
  const v = process.env[name];
  return v === undefined || v === '' ? fallback : v;
}

export const env = {
  "PORT": setting("PORT", "3000"),
  "DOCS_DB_URL": setting("DOCS_DB_URL", "mongodb://docs-db:27017/docs_db"),
  "SEARCH_DB_URL": setting("SEARCH_DB_URL", "http://search-db:9200"),
  "RABBITMQ_URL": setting("RABBITMQ_URL", "amqp://rabbitmq:5672"),
  "NATS_URL": setting("NATS_URL", "nats://nats:4222"),
  "SQS_URL": setting("SQS_URL", "http://sqs:9324"),
} as const;

/** Credentials come only from the environment (a Secret in Kubernetes, .env for compose). */
export const secrets = {
  "DOCS_DB_USER": process.env["DOCS_DB_USER"] ?? '',
  "DOCS_DB_PASSWORD": process.env["DOCS_DB_PASSWORD"] ?? '',
  "SEARCH_DB_USER": process.env["SEARCH_DB_USER"] ?? '',
  "SEARCH_DB_PASSWORD": process.env["SEARCH_DB_PASSWORD"] ?? '',
} as const;
