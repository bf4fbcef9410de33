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
  "PRICING_URL": setting("PRICING_URL", "http://pricing:3000"),
  "INVENTORY_URL": setting("INVENTORY_URL", "http://inventory:3000"),
  "CUSTOMERS_URL": setting("CUSTOMERS_URL", "http://customers:3000"),
  "SHIPPING_URL": setting("SHIPPING_URL", "http://shipping:3000"),
  "FRAUD_CHECK_URL": setting("FRAUD_CHECK_URL", "http://fraud-check:3000"),
  "LEGACY_DB_URL": setting("LEGACY_DB_URL", "mysql://legacy-db:3306/legacy_db"),
  "RABBITMQ_URL": setting("RABBITMQ_URL", "amqp://rabbitmq:5672"),
} as const;

/** Credentials come only from the environment (a Secret in Kubernetes, .env for compose). */
export const secrets = {
  "LEGACY_DB_USER": process.env["LEGACY_DB_USER"] ?? '',
  "LEGACY_DB_PASSWORD": process.env["LEGACY_DB_PASSWORD"] ?? '',
} as const;
