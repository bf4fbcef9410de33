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
  "CURRENCY_SERVICE_ADDR": setting("CURRENCY_SERVICE_ADDR", "currencyservice:7000"),
  "PRODUCT_CATALOG_SERVICE_ADDR": setting("PRODUCT_CATALOG_SERVICE_ADDR", "productcatalogservice:3550"),
  "CART_SERVICE_ADDR": setting("CART_SERVICE_ADDR", "cartservice:7070"),
  "AD_SERVICE_ADDR": setting("AD_SERVICE_ADDR", "adservice:9555"),
  "RECOMMENDATION_SERVICE_ADDR": setting("RECOMMENDATION_SERVICE_ADDR", "recommendationservice:8080"),
  "SHIPPING_SERVICE_ADDR": setting("SHIPPING_SERVICE_ADDR", "shippingservice:50051"),
  "CHECKOUT_SERVICE_ADDR": setting("CHECKOUT_SERVICE_ADDR", "checkoutservice:5050"),
} as const;

/** Credentials come only from the environment (a Secret in Kubernetes, .env for compose). */
export const secrets = {
} as const;
