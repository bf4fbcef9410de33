// One typed client per callee drawn in the design, each with exactly that call's policy.
import { env } from './config.js';
import { ResilientClient } from './resilience.js';

export const clients = {
  /** call to currencyservice */
  currencyservice: new ResilientClient("currencyservice", env.CURRENCYSERVICE_URL, {"timeoutMs":150,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
  /** call to productcatalogservice */
  productcatalogservice: new ResilientClient("productcatalogservice", env.PRODUCTCATALOGSERVICE_URL, {"timeoutMs":150,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
  /** call to cartservice */
  cartservice: new ResilientClient("cartservice", env.CARTSERVICE_URL, {"timeoutMs":150,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
  /** call to currencyservice */
  currencyservice2: new ResilientClient("currencyservice", env.CURRENCYSERVICE_URL, {"timeoutMs":150,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
  /** call to adservice */
  adservice: new ResilientClient("adservice", env.ADSERVICE_URL, {"timeoutMs":150,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
  /** call to productcatalogservice */
  productcatalogservice2: new ResilientClient("productcatalogservice", env.PRODUCTCATALOGSERVICE_URL, {"timeoutMs":150,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
  /** call to currencyservice */
  currencyservice3: new ResilientClient("currencyservice", env.CURRENCYSERVICE_URL, {"timeoutMs":150,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
  /** call to cartservice */
  cartservice2: new ResilientClient("cartservice", env.CARTSERVICE_URL, {"timeoutMs":150,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
  /** call to currencyservice */
  currencyservice4: new ResilientClient("currencyservice", env.CURRENCYSERVICE_URL, {"timeoutMs":150,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
  /** call to recommendationservice */
  recommendationservice: new ResilientClient("recommendationservice", env.RECOMMENDATIONSERVICE_URL, {"timeoutMs":150,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
  /** call to adservice */
  adservice2: new ResilientClient("adservice", env.ADSERVICE_URL, {"timeoutMs":150,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
  /** call to productcatalogservice */
  productcatalogservice3: new ResilientClient("productcatalogservice", env.PRODUCTCATALOGSERVICE_URL, {"timeoutMs":150,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
  /** call to cartservice */
  cartservice3: new ResilientClient("cartservice", env.CARTSERVICE_URL, {"timeoutMs":150,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
  /** call to currencyservice */
  currencyservice5: new ResilientClient("currencyservice", env.CURRENCYSERVICE_URL, {"timeoutMs":150,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
  /** call to cartservice */
  cartservice4: new ResilientClient("cartservice", env.CARTSERVICE_URL, {"timeoutMs":150,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
  /** call to recommendationservice */
  recommendationservice2: new ResilientClient("recommendationservice", env.RECOMMENDATIONSERVICE_URL, {"timeoutMs":150,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
  /** call to shippingservice */
  shippingservice: new ResilientClient("shippingservice", env.SHIPPINGSERVICE_URL, {"timeoutMs":150,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
  /** call to currencyservice */
  currencyservice6: new ResilientClient("currencyservice", env.CURRENCYSERVICE_URL, {"timeoutMs":150,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
  /** call to productcatalogservice */
  productcatalogservice4: new ResilientClient("productcatalogservice", env.PRODUCTCATALOGSERVICE_URL, {"timeoutMs":150,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
  /** call to checkoutservice */
  checkoutservice: new ResilientClient("checkoutservice", env.CHECKOUTSERVICE_URL, {"timeoutMs":3000,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
} as const;
