import { SpanKind } from '@opentelemetry/api';
import { paymentsCharge } from './plain-http-payments.ts';
import { expressAttrs, httpClient, middleware, sql, type ShopTracers } from './plain-http-helpers.ts';
import { gather, withSpan, type Task } from './sim-runtime.ts';

/** The spans below storefront-web's checkout handler: cart cache, stock check and order creation in orders-api. */

const CART = ['sku-1042', 'sku-2217', 'sku-0388', 'sku-7315', 'sku-5120'];

export function* checkoutHandler(t: ShopTracers): Task {
  yield* redis(t, 'GET', 'GET cart:u_18342', { hit: false });
  yield* redis(t, 'HGETALL', 'HGETALL cart-items:u_18342');
  yield* httpClient(t, t.webHttp, 'GET', 'http://orders-api.shop.svc:8080/api/stock?skus=5', 200, () => stockCheck(t));
  yield* httpClient(t, t.webHttp, 'POST', 'http://orders-api.shop.svc:8080/api/orders', 201, () => createOrder(t));
  yield* redis(t, 'DEL', 'DEL cart:u_18342');
  yield* withSpan(t.webApp, t.clock, 'render checkout-confirmation', { attributes: { 'template.name': 'checkout-confirmation.hbs' } }, function* () {
    yield t.prng.range(1, 3);
  });
}

function* redis(t: ShopTracers, op: string, query: string, cache?: { hit: boolean }): Task {
  const attributes = { 'db.system.name': 'redis', 'db.operation.name': op, 'db.query.text': query, 'db.namespace': '0', 'server.address': 'redis.shop.svc', 'server.port': 6379 };
  yield* withSpan(t.webRedis, t.clock, op, { kind: SpanKind.CLIENT, attributes }, function* (span) {
    yield t.prng.range(0.3, 1.2);
    if (cache) span.addEvent('cache.lookup', { 'cache.hit': cache.hit, 'cache.key': query.split(' ')[1] ?? '' }, t.clock.hr());
  });
}

function* ordersServer(t: ShopTracers, method: string, route: string, status: number, handler: () => Task): Task {
  const attributes = { 'http.request.method': method, 'url.scheme': 'http', 'url.path': route, 'http.route': route, 'server.address': 'orders-api.shop.svc', 'server.port': 8080 };
  yield* withSpan(t.ordersHttp, t.clock, `${method} ${route}`, { kind: SpanKind.SERVER, attributes }, function* (span) {
    yield* middleware(t.ordersExpress, t, 'jsonParser');
    yield* withSpan(t.ordersExpress, t.clock, `request handler - ${route}`, { attributes: expressAttrs('request_handler', route) }, handler);
    span.setAttribute('http.response.status_code', status);
  });
}

function* stockCheck(t: ShopTracers): Task {
  yield* ordersServer(t, 'GET', '/api/stock', 200, function* () {
    yield* sql(t, t.ordersPg, 'SELECT', 'inventory', 'SELECT sku, available FROM inventory WHERE sku = ANY($1)');
  });
}

function* createOrder(t: ShopTracers): Task {
  yield* ordersServer(t, 'POST', '/api/orders', 201, function* () {
    yield* sql(t, t.ordersPg, 'BEGIN', undefined, 'BEGIN');
    // One query per cart line: the N+1 pattern a waterfall makes obvious.
    for (let i = 0; i < CART.length; i++) yield* sql(t, t.ordersPg, 'SELECT', 'products', 'SELECT id, name, price_cents FROM products WHERE sku = $1');
    yield* sql(t, t.ordersPg, 'INSERT', 'orders', 'INSERT INTO orders (user_id, total_cents, status) VALUES ($1, $2, $3) RETURNING id');
    yield* gather(t.clock, CART.map(() => () => sql(t, t.ordersPg, 'INSERT', 'order_items', 'INSERT INTO order_items (order_id, sku, qty) VALUES ($1, $2, $3)')), 0.08);
    yield* httpClient(t, t.ordersHttp, 'POST', 'http://payments-service.shop.svc:9000/v1/charges', 201, () => paymentsCharge(t));
    yield* sql(t, t.ordersPg, 'UPDATE', 'orders', "UPDATE orders SET status = 'paid' WHERE id = $1");
    yield* sql(t, t.ordersPg, 'COMMIT', undefined, 'COMMIT');
    const attributes = { 'messaging.system': 'kafka', 'messaging.operation.type': 'send', 'messaging.operation.name': 'send', 'messaging.destination.name': 'orders.created', 'messaging.kafka.message.key': 'ord_88412', 'messaging.message.body.size': 412, 'server.address': 'kafka.shop.svc' };
    yield* withSpan(t.ordersKafka, t.clock, 'send orders.created', { kind: SpanKind.PRODUCER, attributes }, function* () {
      yield t.prng.range(1, 3);
    });
  });
}
