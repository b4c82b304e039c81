// npm iamport (a0ly/iamport-rest-client-nodejs), unchanged, against
// portone-fake: every method of its resources. JSON bodies (request's
// json: true), `Authorization: <token>` without Bearer, GET parameters by
// querystring. Its constructor takes no host: the one way to point it
// elsewhere is its public static Iamport.DEFAULT_HOST, set before `new`.
import Iamport from "iamport";
import { baseUrl, KEY, SECRET, check, seed, certify, finish, want, now } from "./common.mjs";

const known = {};

const imp1 = await seed({ merchant_uid: "ia-order-1", amount: 39000, buyer_name: "홍길동" });
await seed({ merchant_uid: "ia-order-2", amount: 1000 });
Iamport.DEFAULT_HOST = baseUrl;
const iamport = new Iamport({ impKey: KEY, impSecret: SECRET });

// The token is fetched by the first call.
await check("payment.getByImpUid (and getToken)", async () => {
  const p = await iamport.payment.getByImpUid({ imp_uid: imp1 });
  want(p.imp_uid === imp1 && p.amount === 39000 && p.status === "paid", JSON.stringify(p));
}, known);
await check("getToken with a wrong secret is refused (HTTP_401)", async () => {
  let err;
  await new Iamport({ impKey: KEY, impSecret: "wrong" }).payment.getByImpUid({ imp_uid: imp1 }).catch((e) => (err = e));
  want(err && err.code === "HTTP_401", `err ${err && err.code}`);
}, known);
await check("payment.getByImpUid of an unknown payment: HTTP_404", async () => {
  let err;
  await iamport.payment.getByImpUid({ imp_uid: "imp_000000000000" }).catch((e) => (err = e));
  want(err && err.code === "HTTP_404", `err ${err && err.code}`);
}, known);
await check("payment.getByMerchant (/payments/find/{m})", async () => {
  const p = await iamport.payment.getByMerchant({ merchant_uid: "ia-order-1" });
  want(p.imp_uid === imp1, JSON.stringify(p));
}, known);
await check("payment.getByStatus paid, limit 10", async () => {
  const r = await iamport.payment.getByStatus({ payment_status: "paid", limit: 10 });
  want(r.total === 2 && r.list.length === 2, JSON.stringify(r).slice(0, 200));
}, known);

await check("payment.prepare", async () => {
  const r = await iamport.payment.prepare({ merchant_uid: "ia-prepared-1", amount: 12000 });
  want(r.merchant_uid === "ia-prepared-1" && r.amount === 12000, JSON.stringify(r));
}, known);
await check("payment.getPrepare", async () => {
  const r = await iamport.payment.getPrepare({ merchant_uid: "ia-prepared-1" });
  want(r.amount === 12000, JSON.stringify(r));
}, known);

await check("payment.cancel partial, checksum = balance", async () => {
  const p = await iamport.payment.cancel({ imp_uid: imp1, amount: 9000, checksum: 39000, reason: "partial" });
  want(p.cancel_amount === 9000 && p.status === "paid", JSON.stringify(p));
}, known);
await check("payment.cancel again with the stale checksum is refused (IAMPORT_1)", async () => {
  let err;
  await iamport.payment.cancel({ imp_uid: imp1, amount: 9000, checksum: 39000 }).catch((e) => (err = e));
  want(err && err.code === "IAMPORT_1", `err ${err && err.code} ${err && err.message}`);
}, known);
await check("payment.cancel by merchant_uid, the rest", async () => {
  const p = await iamport.payment.cancel({ merchant_uid: "ia-order-1", checksum: 30000 });
  want(p.status === "cancelled" && p.cancel_amount === 39000, JSON.stringify(p));
}, known);

const cust = "ia-customer-1";
await check("subscribe_customer.create (billing key, no pg)", async () => {
  const k = await iamport.subscribe_customer.create({
    customer_uid: cust, card_number: "4092-0230-1234-1234", expiry: "2030-12", birth: "880101", pwd_2digit: "00",
  });
  want(k.customer_uid === cust && k.card_name, JSON.stringify(k));
}, known);
await check("subscribe_customer.get", async () => {
  const k = await iamport.subscribe_customer.get({ customer_uid: cust });
  want(k.customer_uid === cust, JSON.stringify(k));
}, known);
await check("subscribe.onetime", async () => {
  const p = await iamport.subscribe.onetime({
    merchant_uid: "ia-onetime-1", amount: 5000, card_number: "4092-0230-1234-5678", expiry: "2030-12", birth: "880101", pwd_2digit: "00",
  });
  want(p.status === "paid" && p.amount === 5000, JSON.stringify(p));
}, known);
await check("subscribe.again (no name)", async () => {
  const p = await iamport.subscribe.again({ customer_uid: cust, merchant_uid: "ia-again-1", amount: 7000 });
  want(p.status === "paid" && p.amount === 7000, JSON.stringify(p));
}, known);
await check("subscribe.again for an unknown customer is refused (IAMPORT_1)", async () => {
  let err;
  await iamport.subscribe.again({ customer_uid: "ia-nobody", merchant_uid: "ia-again-2", amount: 7000 }).catch((e) => (err = e));
  want(err && err.code === "IAMPORT_1" && err.message === "등록되지 않은 구매자입니다.", `err ${err && err.code} ${err && err.message}`);
}, known);
const at = now() + 2 * 86400;
await check("subscribe.schedule two (no currency)", async () => {
  const r = await iamport.subscribe.schedule({
    customer_uid: cust,
    schedules: [
      { merchant_uid: "ia-sched-1", schedule_at: at, amount: 8000, name: "next month" },
      { merchant_uid: "ia-sched-2", schedule_at: at + 86400, amount: 8000, name: "month after" },
    ],
  });
  want(r.length === 2 && r[0].schedule_status === "scheduled", JSON.stringify(r));
}, known);
await check("subscribe.unschedule one", async () => {
  const r = await iamport.subscribe.unschedule({ customer_uid: cust, merchant_uid: ["ia-sched-2"] });
  want(r.length === 1 && r[0].schedule_status === "revoked", JSON.stringify(r));
}, known);
await check("subscribe.unschedule the rest (no merchant_uid)", async () => {
  const r = await iamport.subscribe.unschedule({ customer_uid: cust });
  want(r.length === 1 && r[0].merchant_uid === "ia-sched-1", JSON.stringify(r));
}, known);
await check("subscribe_customer.delete", async () => {
  const k = await iamport.subscribe_customer.delete({ customer_uid: cust });
  want(k.customer_uid === cust, JSON.stringify(k));
}, known);
await check("subscribe_customer.get after the delete is refused (IAMPORT_1)", async () => {
  let err;
  await iamport.subscribe_customer.get({ customer_uid: cust }).catch((e) => (err = e));
  want(err && err.code === "IAMPORT_1" && /등록된 정보를 찾을 수 없습니다\./.test(err.message), `err ${err && err.code} ${err && err.message}`);
}, known);

await check("vbank.create (no channel_key)", async () => {
  const p = await iamport.vbank.create({
    merchant_uid: "ia-vbank-1", amount: 15000, vbank_code: "004", vbank_due: now() + 3 * 86400, vbank_holder: "홍길동",
  });
  want(p.status === "ready" && p.vbank_num, JSON.stringify(p));
}, known);

const cert = await certify();
await check("certification.get", async () => {
  const c = await iamport.certification.get({ imp_uid: cert });
  want(c.imp_uid === cert && c.certified === true, JSON.stringify(c));
}, known);
await check("certification.delete", async () => {
  const c = await iamport.certification.delete({ imp_uid: cert });
  want(c.imp_uid === cert, JSON.stringify(c));
}, known);
await check("certification.get after the delete: HTTP_404", async () => {
  let err;
  await iamport.certification.get({ imp_uid: cert }).catch((e) => (err = e));
  want(err && err.code === "HTTP_404", `err ${err && err.code}`);
}, known);

finish("iamport");
