// One typed client per callee drawn in the design, each with exactly that call's policy.
import { env } from './config.js';
import { GrpcClient } from './grpc.js';

export const clients = {
  /** call to cartservice */
  cartservice: new GrpcClient("cartservice", env["CART_SERVICE_ADDR"], "cartservice.proto", "meshwright.cartservice.Cartservice", [{"name":"GetCart","method":"POST","path":"/GetCart"},{"name":"AddItem","method":"POST","path":"/AddItem"},{"name":"EmptyCart","method":"POST","path":"/EmptyCart"}], {"timeoutMs":150,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
  /** call to productcatalogservice */
  productcatalogservice: new GrpcClient("productcatalogservice", env["PRODUCT_CATALOG_SERVICE_ADDR"], "productcatalogservice.proto", "meshwright.productcatalogservice.Productcatalogservice", [{"name":"ListProducts","method":"POST","path":"/ListProducts"},{"name":"GetProduct","method":"POST","path":"/GetProduct"},{"name":"SearchProducts","method":"POST","path":"/SearchProducts"}], {"timeoutMs":150,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
  /** call to currencyservice */
  currencyservice: new GrpcClient("currencyservice", env["CURRENCY_SERVICE_ADDR"], "currencyservice.proto", "meshwright.currencyservice.Currencyservice", [{"name":"GetSupportedCurrencies","method":"POST","path":"/GetSupportedCurrencies"},{"name":"Convert","method":"POST","path":"/Convert"}], {"timeoutMs":150,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
  /** call to shippingservice */
  shippingservice: new GrpcClient("shippingservice", env["SHIPPING_SERVICE_ADDR"], "shippingservice.proto", "meshwright.shippingservice.Shippingservice", [{"name":"GetQuote","method":"POST","path":"/GetQuote"},{"name":"ShipOrder","method":"POST","path":"/ShipOrder"}], {"timeoutMs":150,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
  /** call to paymentservice */
  paymentservice: new GrpcClient("paymentservice", env["PAYMENT_SERVICE_ADDR"], "paymentservice.proto", "meshwright.paymentservice.Paymentservice", [{"name":"Charge","method":"POST","path":"/Charge"}], {"timeoutMs":150,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
  /** call to emailservice */
  emailservice: new GrpcClient("emailservice", env["EMAIL_SERVICE_ADDR"], "emailservice.proto", "meshwright.emailservice.Emailservice", [{"name":"SendOrderConfirmation","method":"POST","path":"/SendOrderConfirmation"}], {"timeoutMs":150,"breaker":{"failureRate":0.5,"window":50,"minCalls":20,"openForMs":30000,"halfOpenCalls":10,"slowRate":1}}),
} as const;
