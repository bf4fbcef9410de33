// Configuration from the environment, the same variables as the generated docker-compose.yml and
// Kubernetes ConfigMap; the defaults are the compose addresses.
export const SERVICE = "user-service";
export const PORT = Number(process.env.PORT ?? 3000);
export const HEALTH = { liveness: "/health/liveness", readiness: "/health/readiness" } as const;

function setting(name: string, fallback: string): string {
  const v = process.env[name];
  return v === undefined || v === '' ? fallback : v;
}

export const env = {
  "PORT": setting("PORT", "3000"),
  "USER_CACHE_URL": setting("USER_CACHE_URL", "redis://user-cache:6379"),
  "USERS_DB_URL": setting("USERS_DB_URL", "postgres://users-db:5432/users_db"),
} as const;

/** Credentials come only from the environment (a Secret in Kubernetes, .env for compose). */
export const secrets = {
  "USERS_DB_USER": process.env["USERS_DB_USER"] ?? '',
  "USERS_DB_PASSWORD": process.env["USERS_DB_PASSWORD"] ?? '',
} as const;
