// One typed client per callee drawn in the design, each with exactly that call's policy.
import { env } from './config.js';
import { ResilientClient } from './resilience.js';

export const clients = {
  /** call to cartservice */
  cartservice: new ResilientClient("cartservice", env.CARTSERVICE_URL, {"timeoutMs":150,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
  /** call to productcatalogservice */
  productcatalogservice: new ResilientClient("productcatalogservice", env.PRODUCTCATALOGSERVICE_URL, {"timeoutMs":150,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
  /** call to currencyservice */
  currencyservice: new ResilientClient("currencyservice", env.CURRENCYSERVICE_URL, {"timeoutMs":150,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
  /** call to shippingservice */
  shippingservice: new ResilientClient("shippingservice", env.SHIPPINGSERVICE_URL, {"timeoutMs":150,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
  /** call to paymentservice */
  paymentservice: new ResilientClient("paymentservice", env.PAYMENTSERVICE_URL, {"timeoutMs":150,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
  /** call to shippingservice */
  shippingservice2: new ResilientClient("shippingservice", env.SHIPPINGSERVICE_URL, {"timeoutMs":150,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
  /** call to cartservice */
  cartservice2: new ResilientClient("cartservice", env.CARTSERVICE_URL, {"timeoutMs":150,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
  /** call to emailservice */
  emailservice: new ResilientClient("emailservice", env.EMAILSERVICE_URL, {"timeoutMs":150,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
} as const;
