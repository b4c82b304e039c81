// The main job of a TypeScript team, written against the client that
// openapi-typescript and openapi-fetch generate from openapi/portone-v1.yaml
// with their default options. `make test-ts` type-checks it with
// `tsc --strict` and runs it against portone-fake: a spec change that
// breaks TypeScript users fails there.
import createClient from "openapi-fetch";
import type { components, paths } from "./schema.js";
import { isPaid } from "./quickstart.js";

type Payment = components["schemas"]["Payment"];
type BillingKey = components["schemas"]["BillingKey"];
type WebhookNotification = components["schemas"]["WebhookNotification"];

const baseUrl = process.argv[2];
if (!baseUrl) {
  throw new Error("usage: node main.js http://127.0.0.1:PORT");
}

let passed = 0;
function check(ok: boolean, what: string): void {
  if (!ok) {
    throw new Error(`FAIL ${what}`);
  }
  passed++;
  console.log(`ok ${what}`);
}

// A super billing key is the shape with channelGroupId; an ordinary key has
// pg_provider. TypeScript narrows the union with `in`.
function keyKind(k: BillingKey): "super" | "ordinary" {
  return "channelGroupId" in k ? "super" : "ordinary";
}

// A webhook handler's view of the notification: the type comes from the
// spec, so a renamed field fails the type check.
function paymentOfWebhook(body: WebhookNotification): string {
  return body.imp_uid;
}

async function main(): Promise<void> {
  // Fake-only control (not in the spec): a paid card payment to work on.
  const seeded = await fetch(`${baseUrl}/__fake/payments`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ merchant_uid: "ts-order-1", amount: 39000 }),
  });
  const seed = (await seeded.json()) as { response: { imp_uid: string } };
  const impUID = seed.response.imp_uid;

  // 0. The quick start of docs/other-languages.md (quickstart.ts, quoted there).
  check(await isPaid(baseUrl, "fake_imp_key", "fake_imp_secret", impUID, 39000) &&
    !(await isPaid(baseUrl, "fake_imp_key", "fake_imp_secret", impUID, 3900)) &&
    !(await isPaid(baseUrl, "fake_imp_key", "fake_imp_secret", "imp_000000000000", 39000)),
    "quick start: isPaid says yes at 39000, no at 3900 and for an unknown payment");

  const client = createClient<paths>({ baseUrl });

  // 1. Token.
  const tok = await client.POST("/users/getToken", {
    body: { imp_key: "fake_imp_key", imp_secret: "fake_imp_secret" },
  });
  const token = tok.data?.response?.access_token;
  check(tok.response.status === 200 && typeof token === "string", "getToken issues a token");
  client.use({
    onRequest({ request }) {
      request.headers.set("Authorization", `Bearer ${token}`);
      return request;
    },
  });

  // 2. Verify by imp_uid and by merchant_uid.
  const byImp = await client.GET("/payments/{imp_uid}", { params: { path: { imp_uid: impUID } } });
  const paid: Payment | null | undefined = byImp.data?.response;
  check(paid?.status === "paid" && paid.amount === 39000, "getPaymentByImpUid: paid, 39000");
  const byOrder = await client.GET("/payments/find/{merchant_uid}", {
    params: { path: { merchant_uid: "ts-order-1" } },
  });
  check(byOrder.data?.response?.imp_uid === impUID, "getPaymentByMerchantUidAnyStatus: the same payment");
  const missing = await client.GET("/payments/{imp_uid}", { params: { path: { imp_uid: "imp_000000000000" } } });
  check(missing.response.status === 404 && missing.error?.code === -1 && missing.error.response === null,
    "an unknown payment is 404 with code -1 and response null");

  // 3. List by status; the items of a list are payments, never null.
  const page = await client.GET("/payments/status/{payment_status}", {
    params: { path: { payment_status: "paid" }, query: { limit: 10 } },
  });
  const list: Payment[] = page.data?.response?.list ?? [];
  check(list.some((p) => p.imp_uid === impUID), "getPaymentsByStatus lists the payment");

  // 4. Partial cancel with checksum; the same cancel again is refused.
  const cancel = await client.POST("/payments/cancel", {
    body: { imp_uid: impUID, amount: 9000, checksum: 39000, reason: "ts partial cancel" },
  });
  check(cancel.data?.code === 0 && cancel.data.response?.cancel_amount === 9000, "cancelPayment: 9000 cancelled");
  const again = await client.POST("/payments/cancel", {
    body: { imp_uid: impUID, amount: 9000, checksum: 39000, reason: "ts partial cancel" },
  });
  check(again.response.status === 200 && again.data?.code === 1 && again.data.response === null,
    "a stale checksum is refused with HTTP 200, code 1, response null");

  // 5. A billing key, then a payment with it.
  const saved = await client.POST("/subscribe/customers/{customer_uid}", {
    params: { path: { customer_uid: "ts-customer-1" } },
    body: { channel_key: "channel-key-ts", card_number: "4111-1111-1111-1111", expiry: "2030-12" },
  });
  const key = saved.data?.response;
  check(key != null && keyKind(key) === "ordinary" && key.customer_uid === "ts-customer-1",
    "customer_save stores an ordinary billing key");
  const charged = await client.POST("/subscribe/payments/again", {
    body: { customer_uid: "ts-customer-1", merchant_uid: "ts-order-2", amount: 5000, name: "ts subscription" },
  });
  check(charged.data?.response?.status === "paid" && charged.data.response.amount === 5000, "again: 5000 paid");

  check(paymentOfWebhook({ imp_uid: impUID, merchant_uid: "ts-order-1", status: "paid" }) === impUID,
    "WebhookNotification is a generated type");
  console.log(`${passed}/${passed} checks passed`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
