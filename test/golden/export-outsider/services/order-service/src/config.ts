// Configuration from the environment, the same variables as the generated docker-compose.yml and
// Kubernetes ConfigMap; the defaults are the compose addresses.
export const SERVICE = "order-service";
export const PORT = Number(process.env.PORT ?? 3000);
export const HEALTH = { liveness: "/health/liveness", readiness: "/health/readiness" } as const;

function setting(name: string, fallback: string): string {
  const v = process.env[name];
  return v === undefined || v === '' ? fallback : v;
}

export const env = {
  "PORT": setting("PORT", "3000"),
  "MODE": setting("MODE", "on"),
  "FLAG": setting("FLAG", "yes"),
  "TIME": setting("TIME", "2:30"),
  "NUM": setting("NUM", "012"),
  "NULLY": setting("NULLY", "null"),
  "PAYMENTS_V2_URL": setting("PAYMENTS_V2_URL", "http://payments-v2:3000"),
  "BER_URL": setting("BER_URL", "http://ber:3000"),
  "ETC_PASSWD_URL": setting("ETC_PASSWD_URL", "http://etc-passwd:3000"),
  "A_B_URL": setting("A_B_URL", "http://a-b:3000"),
  "ORDERS_DB_URL": setting("ORDERS_DB_URL", "postgres://orders-db:5432/orders_db"),
  "KAFKA_2_URL": setting("KAFKA_2_URL", "kafka://kafka-2:9092"),
} as const;

/** Credentials come only from the environment (a Secret in Kubernetes, .env for compose). */
export const secrets = {
  "ORDERS_DB_USER": process.env["ORDERS_DB_USER"] ?? '',
  "ORDERS_DB_PASSWORD": process.env["ORDERS_DB_PASSWORD"] ?? '',
} as const;
