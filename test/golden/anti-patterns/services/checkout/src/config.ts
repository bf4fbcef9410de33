// Configuration from the environment, the same variables as the generated docker-compose.yml and
// Kubernetes ConfigMap; the defaults are the compose addresses.
export const SERVICE = "checkout";
export const PORT = Number(process.env.PORT ?? 3000);
export const HEALTH = { liveness: "/health/liveness", readiness: "/health/readiness" } as const;

function setting(name: string, fallback: string): string {
  const v = process.env[name];
  return v === undefined || v === '' ? fallback : v;
}

export const env = {
  "PORT": setting("PORT", "3000"),
  "CATALOG_URL": setting("CATALOG_URL", "http://catalog:3000"),
  "CART_URL": setting("CART_URL", "http://cart:3000"),
  "TAX_URL": setting("TAX_URL", "http://tax:3000"),
  "CARD_PAYMENTS_URL": setting("CARD_PAYMENTS_URL", "http://card-payments:3000"),
  "SHIPPING_URL": setting("SHIPPING_URL", "http://shipping:3000"),
  "CUSTOMERS_URL": setting("CUSTOMERS_URL", "http://customers:3000"),
} as const;

/** Credentials come only from the environment (a Secret in Kubernetes, .env for compose). */
export const secrets = {
} as const;
