// Configuration from the environment, the same variables as the generated docker-compose.yml and
// Kubernetes ConfigMap; the defaults are the compose addresses.
export const SERVICE = "frontend";
export const PORT = Number(process.env.PORT ?? 8080);
export const HEALTH = { liveness: "/_healthz", readiness: "/_healthz" } as const;

function setting(name: string, fallback: string): string {
  const v = process.env[name];
  return v === undefined || v === '' ? fallback : v;
}

export const env = {
  "PORT": setting("PORT", "8080"),
  "ENABLE_PROFILER": setting("ENABLE_PROFILER", "0"),
  "CURRENCYSERVICE_URL": setting("CURRENCYSERVICE_URL", "http://currencyservice:7000"),
  "PRODUCTCATALOGSERVICE_URL": setting("PRODUCTCATALOGSERVICE_URL", "http://productcatalogservice:3550"),
  "CARTSERVICE_URL": setting("CARTSERVICE_URL", "http://cartservice:7070"),
  "ADSERVICE_URL": setting("ADSERVICE_URL", "http://adservice:9555"),
  "RECOMMENDATIONSERVICE_URL": setting("RECOMMENDATIONSERVICE_URL", "http://recommendationservice:8080"),
  "SHIPPINGSERVICE_URL": setting("SHIPPINGSERVICE_URL", "http://shippingservice:50051"),
  "CHECKOUTSERVICE_URL": setting("CHECKOUTSERVICE_URL", "http://checkoutservice:5050"),
} as const;

/** Credentials come only from the environment (a Secret in Kubernetes, .env for compose). */
export const secrets = {
} as const;
