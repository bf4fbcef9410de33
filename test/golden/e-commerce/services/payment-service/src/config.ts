// Configuration from the environment, the same variables as the generated docker-compose.yml and
// Kubernetes ConfigMap; the defaults are the compose addresses.
export const SERVICE = "payment-service";
export const PORT = Number(process.env.PORT ?? 3000);
export const HEALTH = { liveness: "/health/liveness", readiness: "/health/readiness" } as const;

function setting(name: string, fallback: string): string {
  const v = process.env[name];
  return v === undefined || v === '' ? fallback : v;
}

export const env = {
  "PORT": setting("PORT", "3000"),
  "PAYMENTS_DB_URL": setting("PAYMENTS_DB_URL", "postgres://payments-db:5432/payments_db"),
} as const;

/** Credentials come only from the environment (a Secret in Kubernetes, .env for compose). */
export const secrets = {
  "PAYMENTS_DB_USER": process.env["PAYMENTS_DB_USER"] ?? '',
  "PAYMENTS_DB_PASSWORD": process.env["PAYMENTS_DB_PASSWORD"] ?? '',
} as const;
