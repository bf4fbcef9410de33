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
  "CART_SERVICE_ADDR": setting("CART_SERVICE_ADDR", "cartservice:7070"),
  "PRODUCT_CATALOG_SERVICE_ADDR": setting("PRODUCT_CATALOG_SERVICE_ADDR", "productcatalogservice:3550"),
  "CURRENCY_SERVICE_ADDR": setting("CURRENCY_SERVICE_ADDR", "currencyservice:7000"),
  "SHIPPING_SERVICE_ADDR": setting("SHIPPING_SERVICE_ADDR", "shippingservice:50051"),
  "PAYMENT_SERVICE_ADDR": setting("PAYMENT_SERVICE_ADDR", "paymentservice:50051"),
  "EMAIL_SERVICE_ADDR": setting("EMAIL_SERVICE_ADDR", "emailservice:8080"),
} as const;

/** Credentials come only from the environment (a Secret in Kubernetes, .env for compose). */
export const secrets = {
} as const;
