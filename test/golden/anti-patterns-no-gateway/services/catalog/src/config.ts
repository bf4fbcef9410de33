// Configuration from the environment, the same variables as the generated docker-compose.yml and
// Kubernetes ConfigMap; the defaults are the compose addresses.
export const SERVICE = "catalog";
export const PORT = Number(process.env.PORT ?? 3000);
export const HEALTH = { liveness: "/health/liveness", readiness: "/health/readiness" } as const;

function setting(name: string, fallback: string): string {
  const v = process.env[name];
  return v === undefined || v === '' ? fallback : v;
}

export const env = {
  "PORT": setting("PORT", "3000"),
  "CATALOG_DB_URL": setting("CATALOG_DB_URL", "postgres://catalog-db:5432/catalog_db"),
} as const;

/** Credentials come only from the environment (a Secret in Kubernetes, .env for compose). */
export const secrets = {
  "CATALOG_DB_USER": process.env["CATALOG_DB_USER"] ?? '',
  "CATALOG_DB_PASSWORD": process.env["CATALOG_DB_PASSWORD"] ?? '',
} as const;
