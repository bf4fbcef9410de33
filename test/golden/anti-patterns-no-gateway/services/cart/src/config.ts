// Configuration from the environment, the same variables as the generated docker-compose.yml and
// Kubernetes ConfigMap; the defaults are the compose addresses.
export const SERVICE = "cart";
export const PORT = Number(process.env.PORT ?? 3000);
export const HEALTH = { liveness: "/health/liveness", readiness: "/health/readiness" } as const;

function setting(name: string, fallback: string): string {
  const v = process.env[name];
  return v === undefined || v === '' ? fallback : v;
}

export const env = {
  "PORT": setting("PORT", "3000"),
  "CART_CACHE_URL": setting("CART_CACHE_URL", "redis://cart-cache:6379"),
} as const;

/** Credentials come only from the environment (a Secret in Kubernetes, .env for compose). */
export const secrets = {
} as const;
