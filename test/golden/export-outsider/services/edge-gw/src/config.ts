// Configuration from the environment, the same variables as the generated docker-compose.yml and
// Kubernetes ConfigMap; the defaults are the compose addresses.
export const SERVICE = "edge-gw";
export const PORT = Number(process.env.PORT ?? 8080);
export const HEALTH = { liveness: "/health/liveness", readiness: "/health/readiness" } as const;

function setting(name: string, fallback: string): string {
  const v = process.env[name];
  return v === undefined || v === '' ? fallback : v;
}

export const env = {
  "PORT": setting("PORT", "8080"),
  "ORDER_SERVICE_URL": setting("ORDER_SERVICE_URL", "http://order-service:3000"),
  "PAYMENTS_V2_URL": setting("PAYMENTS_V2_URL", "http://payments-v2:3000"),
  "BER_URL": setting("BER_URL", "http://ber:3000"),
} as const;

/** Credentials come only from the environment (a Secret in Kubernetes, .env for compose). */
export const secrets = {
} as const;
