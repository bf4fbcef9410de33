// Configuration from the environment, the same variables as the generated docker-compose.yml and
// Kubernetes ConfigMap; the defaults are the compose addresses.
export const SERVICE = "shipping-service";
export const PORT = Number(process.env.PORT ?? 3000);
export const HEALTH = { liveness: "/health/liveness", readiness: "/health/readiness" } as const;

function setting(name: string, fallback: string): string {
  const v = process.env[name];
  return v === undefined || v === '' ? fallback : v;
}

export const env = {
  "PORT": setting("PORT", "3000"),
  "SHIPPING_DB_URL": setting("SHIPPING_DB_URL", "mongodb://shipping-db:27017/shipping_db"),
  "KAFKA_URL": setting("KAFKA_URL", "kafka://kafka:9092"),
} as const;

/** Credentials come only from the environment (a Secret in Kubernetes, .env for compose). */
export const secrets = {
  "SHIPPING_DB_USER": process.env["SHIPPING_DB_USER"] ?? '',
  "SHIPPING_DB_PASSWORD": process.env["SHIPPING_DB_PASSWORD"] ?? '',
} as const;
