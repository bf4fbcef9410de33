// Configuration from the environment, the same variables as the generated docker-compose.yml and
// Kubernetes ConfigMap; the defaults are the compose addresses.
export const SERVICE = "orders";
export const PORT = Number(process.env.PORT ?? 3000);
export const HEALTH = { liveness: "/health/liveness", readiness: "/health/readiness" } as const;

function setting(name: string, fallback: string): string {
  const v = process.env[name];
  return v === undefined || v === '' ? fallback : v;
}

export const env = {
  "PORT": setting("PORT", "3000"),
  "ORDERS_DB_URL": setting("ORDERS_DB_URL", "postgres://orders-db:5432/orders_db"),
  "KAFKA_URL": setting("KAFKA_URL", "kafka://kafka:9092"),
} as const;

/** Credentials come only from the environment (a Secret in Kubernetes, .env for compose). */
export const secrets = {
  "ORDERS_DB_USER": process.env["ORDERS_DB_USER"] ?? '',
  "ORDERS_DB_PASSWORD": process.env["ORDERS_DB_PASSWORD"] ?? '',
} as const;
