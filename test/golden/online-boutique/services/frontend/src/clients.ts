// One typed client per callee drawn in the design, each with exactly that call's policy.
import { env } from './config.js';
import { GrpcClient } from './grpc.js';

export const clients = {
  /** call to currencyservice */
  currencyservice: new GrpcClient("currencyservice", env["CURRENCY_SERVICE_ADDR"], "currencyservice.proto", "meshwright.currencyservice.Currencyservice", [{"name":"GetSupportedCurrencies","method":"POST","path":"/GetSupportedCurrencies"},{"name":"Convert","method":"POST","path":"/Convert"}], {"timeoutMs":150,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
  /** call to productcatalogservice */
  productcatalogservice: new GrpcClient("productcatalogservice", env["PRODUCT_CATALOG_SERVICE_ADDR"], "productcatalogservice.proto", "meshwright.productcatalogservice.Productcatalogservice", [{"name":"ListProducts","method":"POST","path":"/ListProducts"},{"name":"GetProduct","method":"POST","path":"/GetProduct"},{"name":"SearchProducts","method":"POST","path":"/SearchProducts"}], {"timeoutMs":150,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
  /** call to cartservice */
  cartservice: new GrpcClient("cartservice", env["CART_SERVICE_ADDR"], "cartservice.proto", "meshwright.cartservice.Cartservice", [{"name":"GetCart","method":"POST","path":"/GetCart"},{"name":"AddItem","method":"POST","path":"/AddItem"},{"name":"EmptyCart","method":"POST","path":"/EmptyCart"}], {"timeoutMs":150,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
  /** call to adservice */
  adservice: new GrpcClient("adservice", env["AD_SERVICE_ADDR"], "adservice.proto", "meshwright.adservice.Adservice", [{"name":"GetAds","method":"POST","path":"/GetAds"}], {"timeoutMs":150,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
  /** call to recommendationservice */
  recommendationservice: new GrpcClient("recommendationservice", env["RECOMMENDATION_SERVICE_ADDR"], "recommendationservice.proto", "meshwright.recommendationservice.Recommendationservice", [{"name":"ListRecommendations","method":"POST","path":"/ListRecommendations"}], {"timeoutMs":150,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
  /** call to shippingservice */
  shippingservice: new GrpcClient("shippingservice", env["SHIPPING_SERVICE_ADDR"], "shippingservice.proto", "meshwright.shippingservice.Shippingservice", [{"name":"GetQuote","method":"POST","path":"/GetQuote"},{"name":"ShipOrder","method":"POST","path":"/ShipOrder"}], {"timeoutMs":150,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
  /** call to checkoutservice */
  checkoutservice: new GrpcClient("checkoutservice", env["CHECKOUT_SERVICE_ADDR"], "checkoutservice.proto", "meshwright.checkoutservice.Checkoutservice", [{"name":"PlaceOrder","method":"POST","path":"/PlaceOrder"}], {"timeoutMs":3000,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
} as const;
