// Configuration from the environment, the same variables as the generated docker-compose.yml and
// Kubernetes ConfigMap; the defaults are the compose addresses.
export const SERVICE = "mailer";
export const PORT = Number(process.env.PORT ?? 3000);
export const HEALTH = { liveness: "/health/liveness", readiness: "/health/readiness" } as const;

function setting(name: string, fallback: string): string {
  const v = process.env[name];
  return v === undefined || v === '' ? fallback : v;
}

export const env = {
  "PORT": setting("PORT", "3000"),
  "KAFKA_URL": setting("KAFKA_URL", "kafka://kafka:9092"),
  "RABBITMQ_URL": setting("RABBITMQ_URL", "amqp://rabbitmq:5672"),
} as const;

/** Credentials come only from the environment (a Secret in Kubernetes, .env for compose). */
export const secrets = {
} as const;
