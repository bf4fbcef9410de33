// Configuration from the environment, the same variables as the generated docker-compose.yml and
// Kubernetes ConfigMap; the defaults are the compose addresses.
export const SERVICE = "cart";
export const PORT = Number(process.env.PORT ?? 7070);
export const HEALTH = { liveness: "/health/liveness", readiness: "/health/readiness" } as const;

function setting(name: string, fallback: string): string {
  const v = process.env[name];
  return v === undefined || v === '' ? fallback : v;
}

export const env = {
  "PORT": setting("PORT", "7070"),
  "PRODUCT_CATALOG_SERVICE_ADDR": setting("PRODUCT_CATALOG_SERVICE_ADDR", "catalog:3550"),
  "CARTS_DB_URL": setting("CARTS_DB_URL", "redis://carts-db:6379"),
} as const;

/** Credentials come only from the environment (a Secret in Kubernetes, .env for compose). */
export const secrets = {
} as const;
