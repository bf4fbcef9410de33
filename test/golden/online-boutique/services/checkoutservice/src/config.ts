// Configuration from the environment, the same variables as the generated docker-compose.yml and
// Kubernetes ConfigMap; the defaults are the compose addresses.
export const SERVICE = "checkoutservice";
export const PORT = Number(process.env.PORT ?? 5050);
export const HEALTH = { liveness: "/health/liveness", readiness: "/health/readiness" } as const;

function setting(name: string, fallback: string): string {
  const v = process.env[name];
  return v === undefined || v === '' ? fallback : v;
}

export const env = {
  "PORT": setting("PORT", "5050"),
  "CARTSERVICE_URL": setting("CARTSERVICE_URL", "http://cartservice:7070"),
  "PRODUCTCATALOGSERVICE_URL": setting("PRODUCTCATALOGSERVICE_URL", "http://productcatalogservice:3550"),
  "CURRENCYSERVICE_URL": setting("CURRENCYSERVICE_URL", "http://currencyservice:7000"),
  "SHIPPINGSERVICE_URL": setting("SHIPPINGSERVICE_URL", "http://shippingservice:50051"),
  "PAYMENTSERVICE_URL": setting("PAYMENTSERVICE_URL", "http://paymentservice:50051"),
  "EMAILSERVICE_URL": setting("EMAILSERVICE_URL", "http://emailservice:8080"),
} as const;

/** Credentials come only from the environment (a Secret in Kubernetes, .env for compose). */
export const secrets = {
} as const;
