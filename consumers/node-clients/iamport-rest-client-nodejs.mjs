// iamport-rest-client-nodejs (PortOne's own Node client, iamport/rest-client-nodejs),
// unchanged, against portone-fake: its request classes for payments,
// prepare, billing keys, subscriptions, virtual accounts, receipts, escrow,
// certifications, bank and card codes. JSON bodies, `Authorization: Bearer`,
// GET parameters by qs with brackets (imp_uid[]=).
import pkg from "iamport-rest-client-nodejs";
import iteratorPkg from "iamport-rest-client-nodejs/dist/IamportIterator.js";
import { baseUrl, KEY, SECRET, check, seed, certify, finish, want, now } from "./common.mjs";

const { Iamport, Request } = pkg;
const IamportIterator = iteratorPkg.default;
const { Payments, Prepare, Customers, Subscribe, Vbanks, Banks, Cards, Receipts, External, Escrows, Certifications, NaverCo, NaverPay, Payco } = Request;

const naverPayNoClass = {
  who: "client",
  err: "Cannot read properties of undefined (reading 'setAttributes')",
  why: "NaverPay.postPoint and postEscrow set no responseClass (lib/request/NaverPay.ts; only getCashAmount does), and " +
    "RequestBase hands a code-0 answer to new Item(data, this.responseClass), which calls responseClass.setAttributes: " +
    "every successful answer throws, from any server (a refusal, code != 0, would be rejected before that line)",
};
const known = {
  "NaverPay.postPoint": naverPayNoClass,
  "NaverPay.postEscrow (confirm)": naverPayNoClass,
  "NaverCo.getReviews (general, last week)": {
    who: "unsettled",
    err: `parameter \\"channel_key\\" in query has an error: value is required but missing`,
    why: "PortOne's file requires channel_key on GET /naver/reviews (the Naver Pay order-type channel; declared as formData " +
      "on that GET); the client sends from, to and review_type only, from before channel keys; no capture shows today's " +
      "server answering without it. The fake follows the file.",
  },
  "External.postReceipt (no channel_key)": {
    who: "unsettled",
    err: `property \\"channel_key\\" is missing`,
    why: "PortOne's file requires channel_key on POST /receipts/external/{merchant_uid} (official-v1.swagger2.json); " +
      "the client's type has pg instead and its own example (example/external.js) sends neither, from before channel keys; " +
      "no capture shows whether today's server takes a receipt without one. The fake follows the file.",
  },
};

const imp1 = await seed({ merchant_uid: "rc-order-1", amount: 39000, buyer_name: "홍길동" });
const imp2 = await seed({ merchant_uid: "rc-order-2", amount: 1000 });
const transImp = await seed({ merchant_uid: "rc-order-trans", amount: 11000, pay_method: "trans" });
const escrowImp = await seed({ merchant_uid: "rc-order-escrow", amount: 20000, escrow: true });
const iamport = new Iamport({ apiKey: KEY, apiSecret: SECRET, baseUrl });
const call = (req) => req.request(iamport).then((r) => r.data.response);

await check("Payments.getByImpUid (and getToken)", async () => {
  const p = await call(Payments.getByImpUid({ imp_uid: imp1 }));
  want(p.imp_uid === imp1 && p.amount === 39000 && p.status === "paid", JSON.stringify(p));
}, known);
await check("getToken with a wrong secret is refused (401)", async () => {
  let err;
  await Payments.getByImpUid({ imp_uid: imp1 }).request(new Iamport({ apiKey: KEY, apiSecret: "wrong", baseUrl })).catch((e) => (err = e));
  want(err && err.response && err.response.status === 401 && err.response.data.code === -1, `err ${err && err.message}`);
}, known);
await check("Payments.getByImpUid of an unknown payment: 404", async () => {
  let err;
  await call(Payments.getByImpUid({ imp_uid: "imp_000000000000" })).catch((e) => (err = e));
  want(err && err.response.status === 404 && err.response.data.message === "존재하지 않는 결제정보입니다.", `err ${err && err.message}`);
}, known);
await check("Payments.getByImpUids (imp_uid[]=)", async () => {
  const ps = await call(Payments.getByImpUids({ imp_uid: [imp1, imp2] }));
  want(ps.length === 2, JSON.stringify(ps).slice(0, 200));
}, known);
await check("Payments.getByImpUids with an unknown one: 207, the rest", async () => {
  const r = await Payments.getByImpUids({ imp_uid: [imp1, "imp_000000000000"] }).request(iamport);
  want(r.status === 207 && r.data.response.length === 1 && r.data.failed[0] === "imp_000000000000", JSON.stringify(r.data).slice(0, 300));
}, known);
await check("Payments.getByMerchantUid paid, sorting -started", async () => {
  const p = await call(Payments.getByMerchantUid({ merchant_uid: "rc-order-1", status: "paid", sorting: "-started" }));
  want(p.imp_uid === imp1, JSON.stringify(p));
}, known);
await check("Payments.getByMerchantUids paid, page 1", async () => {
  // PortOne's file lists ready, paid, failed and cancelled for this route
  // (not all, which StatusEnum offers); the client's example sends cancelled.
  const r = await call(Payments.getByMerchantUids({ merchant_uid: "rc-order-1", status: "paid", page: 1, sorting: "-started" }));
  want(r.total === 1 && r.list[0].imp_uid === imp1, JSON.stringify(r).slice(0, 200));
}, known);
await check("Payments.getByStatus paid, last day, limit 10", async () => {
  const r = await call(Payments.getByStatus({ status: "paid", page: 1, limit: 10, from: now() - 86400, to: now() + 60, sorting: "-started" }));
  want(r.total === 4 && r.list.length === 4, JSON.stringify(r).slice(0, 200));
}, known);
await check("Payments.getByStatus failed, 5 a page, through IamportIterator (the client's paging, as in its example/payments.js)", async () => {
  for (let i = 0; i < 12; i++) await seed({ merchant_uid: `rc-failed-${i}`, amount: 100 + i, status: "failed" });
  const req = Payments.getByStatus({ status: "failed", page: 1, limit: 5, from: now() - 86400, to: now() + 60, sorting: "-started" });
  let pages = 1;
  let list = (await req.request(iamport)).data.response.list;
  const it = new IamportIterator(req);
  while (it.hasNext()) {
    list = list.concat((await it.next(iamport)).data.response.list);
    if (++pages > 5) break;
  }
  const ids = new Set(list.map((p) => p.merchant_uid));
  want(pages === 3 && list.length === 12 && ids.size === 12, `${pages} pages, ${list.length} payments, ${ids.size} distinct`);
}, known);
await check("Payments.getAmountByImpUid (balance)", async () => {
  const b = await call(Payments.getAmountByImpUid({ imp_uid: imp1 }));
  want(b.amount === 39000, JSON.stringify(b));
}, known);

await check("Prepare.postAmount", async () => {
  const r = await call(Prepare.postAmount({ merchant_uid: "rc-prepared-1", amount: 12000 }));
  want(r.merchant_uid === "rc-prepared-1" && r.amount === 12000, JSON.stringify(r));
}, known);
await check("Prepare.getAmount", async () => {
  const r = await call(Prepare.getAmount({ merchant_uid: "rc-prepared-1" }));
  want(r.amount === 12000, JSON.stringify(r));
}, known);

await check("Payments.cancel partial, checksum = balance", async () => {
  const p = await call(Payments.cancel({ imp_uid: imp1, amount: 9000, checksum: 39000, reason: "partial" }));
  want(p.cancel_amount === 9000 && p.status === "paid", JSON.stringify(p));
}, known);
await check("Payments.cancel again with the stale checksum is refused (code 1)", async () => {
  let err;
  await call(Payments.cancel({ imp_uid: imp1, amount: 9000, checksum: 39000 })).catch((e) => (err = e));
  want(err && err.response.data.code === 1 && err.response.data.response === null, `err ${JSON.stringify(err && err.response)}`);
}, known);
await check("Payments.cancel by merchant_uid, the rest", async () => {
  const p = await call(Payments.cancel({ merchant_uid: "rc-order-1", checksum: 30000 }));
  want(p.status === "cancelled" && p.cancel_amount === 39000, JSON.stringify(p));
}, known);

const cust = "rc-customer-1";
await check("Customers.postBillingKey (no pg)", async () => {
  const k = await call(Customers.postBillingKey({
    customer_uid: cust, card_number: "4092-0230-1234-1234", expiry: "2030-12", birth: "880101", pwd_2digit: "00",
    customer_name: "홍길동", customer_tel: "010-1234-5678", customer_email: "hong@example.com", customer_addr: "서울", customer_postcode: "04524",
  }));
  want(k.customer_uid === cust && k.card_name, JSON.stringify(k));
}, known);
await check("Customers.getBillingKey", async () => {
  const k = await call(Customers.getBillingKey({ customer_uid: cust }));
  want(k.customer_uid === cust, JSON.stringify(k));
}, known);
await check("Customers.getBillingKeys (customer_uid[]=)", async () => {
  const ks = await call(Customers.getBillingKeys({ customer_uid: [cust] }));
  want(ks.length === 1 && ks[0].customer_uid === cust, JSON.stringify(ks));
}, known);
await check("Subscribe.onetime", async () => {
  const p = await call(Subscribe.onetime({
    merchant_uid: "rc-onetime-1", amount: 5000, card_number: "4092-0230-1234-5678", expiry: "2030-12", birth: "880101", pwd_2digit: "00",
  }));
  want(p.status === "paid" && p.amount === 5000, JSON.stringify(p));
}, known);
await check("Subscribe.again", async () => {
  const p = await call(Subscribe.again({ customer_uid: cust, merchant_uid: "rc-again-1", amount: 7000, name: "monthly" }));
  want(p.status === "paid" && p.amount === 7000, JSON.stringify(p));
}, known);
await check("Customers.getPayments page 1", async () => {
  const r = await call(Customers.getPayments({ customer_uid: cust, page: 1 }));
  want(r.total === 1 && r.list[0].merchant_uid === "rc-again-1", JSON.stringify(r).slice(0, 200));
}, known);
const at = now() + 2 * 86400;
await check("Subscribe.schedule two", async () => {
  const r = await call(Subscribe.schedule({
    customer_uid: cust,
    schedules: [
      { merchant_uid: "rc-sched-1", schedule_at: at, currency: "KRW", amount: 8000, name: "next month" },
      { merchant_uid: "rc-sched-2", schedule_at: at + 86400, currency: "KRW", amount: 8000, name: "month after" },
    ],
  }));
  want(r.length === 2 && r[0].schedule_status === "scheduled", JSON.stringify(r));
}, known);
await check("Subscribe.getScheduled", async () => {
  const s = await call(Subscribe.getScheduled({ merchant_uid: "rc-sched-1" }));
  want(s.merchant_uid === "rc-sched-1" && s.amount === 8000, JSON.stringify(s));
}, known);
await check("Subscribe.getScheduleds (/subscribe/payments/schedule/customers/{c}, schedule-status)", async () => {
  const r = await call(Subscribe.getScheduleds({ customer_uid: cust, page: 1, from: now(), to: at + 7 * 86400, "schedule-status": "scheduled" }));
  want(r.total === 2 && r.list.length === 2, JSON.stringify(r).slice(0, 300));
}, known);
await check("Customers.getScheduleds (/subscribe/customers/{c}/schedules, schedule-status)", async () => {
  const r = await call(Customers.getScheduleds({ customer_uid: cust, page: 1, from: now(), to: at + 7 * 86400, "schedule-status": "scheduled" }));
  want(r.total === 2 && r.list.length === 2, JSON.stringify(r).slice(0, 300));
}, known);
await check("Subscribe.unschedule one", async () => {
  const r = await call(Subscribe.unschedule({ customer_uid: cust, merchant_uid: ["rc-sched-2"] }));
  want(r.length === 1 && r[0].schedule_status === "revoked", JSON.stringify(r));
}, known);
await check("Customers.deleteBillingKey", async () => {
  const k = await call(Customers.deleteBillingKey({ customer_uid: cust }));
  want(k.customer_uid === cust, JSON.stringify(k));
}, known);
await check("Customers.getBillingKey after the delete: code 1, HTTP 200", async () => {
  let err;
  await call(Customers.getBillingKey({ customer_uid: cust })).catch((e) => (err = e));
  want(err && err.response.data.code === 1 && err.response.data.response === null && !err.response.status, `err ${JSON.stringify(err && err.response)}`);
}, known);
await check("Customers.getPayments of a customer without a key: an empty page", async () => {
  const r = await call(Customers.getPayments({ customer_uid: "rc-nobody", page: 1 }));
  want(r.total === 0 && r.list.length === 0, JSON.stringify(r));
}, known);

let vbankImp;
await check("Vbanks.post (no pg)", async () => {
  const p = await call(Vbanks.post({ merchant_uid: "rc-vbank-1", amount: 15000, vbank_code: "004", vbank_due: now() + 3 * 86400, vbank_holder: "홍길동" }));
  vbankImp = p.imp_uid;
  want(p.status === "ready" && p.vbank_num, JSON.stringify(p));
}, known);
await check("Vbanks.put (new amount)", async () => {
  const p = await call(Vbanks.put({ imp_uid: vbankImp, amount: 16000 }));
  want(p.amount === 16000, JSON.stringify(p));
}, known);
await check("Vbanks.delete", async () => {
  const p = await call(Vbanks.delete({ imp_uid: vbankImp }));
  want(p.status === "cancelled", JSON.stringify(p));
}, known);
await check("Vbanks.getHolder", async () => {
  const h = await call(Vbanks.getHolder({ bank_code: "004", bank_num: "12345678901234" }));
  want(typeof h.bank_holder === "string", JSON.stringify(h));
}, known);

await check("Banks.getBanks", async () => {
  const bs = await call(Banks.getBanks());
  want(bs.length > 10 && bs.some((b) => b.code === "004"), JSON.stringify(bs).slice(0, 200));
}, known);
await check("Banks.getBank 004", async () => {
  const b = await call(Banks.getBank({ code: "004" }));
  want(b.code === "004" && b.name, JSON.stringify(b));
}, known);
await check("Cards.getCards", async () => {
  const cs = await call(Cards.getCards());
  want(cs.length > 5, JSON.stringify(cs).slice(0, 200));
}, known);
await check("Cards.getCard 366", async () => {
  const c = await call(Cards.getCard({ code: "366" }));
  want(c.code === "366" && c.name, JSON.stringify(c));
}, known);

await check("Receipts.postReceipt (of a paid account transfer)", async () => {
  const r = await call(Receipts.postReceipt({ imp_uid: transImp, identifier: "01012345678", identifier_type: "phone", type: "person" }));
  want(r.imp_uid === transImp && r.receipt_url, JSON.stringify(r));
}, known);
await check("Receipts.getReceipt", async () => {
  const r = await call(Receipts.getReceipt({ imp_uid: transImp }));
  want(r.imp_uid === transImp, JSON.stringify(r));
}, known);
await check("Receipts.deleteReceipt", async () => {
  const r = await call(Receipts.deleteReceipt({ imp_uid: transImp }));
  want(r.imp_uid === transImp && r.cancelled_at, JSON.stringify(r));
}, known);
await check("External.postReceipt (no channel_key)", async () => {
  const r = await call(External.postReceipt({ merchant_uid: "rc-cash-1", name: "cash", amount: 3000, identifier: "01012345678", identifier_type: "phone", type: "person" }));
  want(r.merchant_uid === "rc-cash-1", JSON.stringify(r));
}, known);
await check("External.postReceipt with channel_key (passed through the data object)", async () => {
  const r = await call(External.postReceipt({ merchant_uid: "rc-cash-1", name: "cash", amount: 3000, identifier: "01012345678", identifier_type: "phone", type: "person", channel_key: "channel-key-test" }));
  want(r.merchant_uid === "rc-cash-1", JSON.stringify(r));
}, known);
await check("External.getReceipt", async () => {
  const r = await call(External.getReceipt({ merchant_uid: "rc-cash-1" }));
  want(r.merchant_uid === "rc-cash-1", JSON.stringify(r));
}, known);
await check("External.deleteReceipt", async () => {
  const r = await call(External.deleteReceipt({ merchant_uid: "rc-cash-1" }));
  want(r.merchant_uid === "rc-cash-1", JSON.stringify(r));
}, known);

const party = { name: "홍길동", tel: "010-1234-5678", addr: "서울", postcode: "04524" };
await check("Escrows.postEscrow", async () => {
  const r = await call(Escrows.postEscrow({ imp_uid: escrowImp, sender: party, receiver: party, logis: { company: "LOGEN", invoice: "123456789", sent_at: now() } }));
  want(r.company === "LOGEN" && r.invoice === "123456789", JSON.stringify(r));
}, known);
await check("Escrows.putEscrow", async () => {
  const r = await call(Escrows.putEscrow({ imp_uid: escrowImp, sender: party, receiver: party, logis: { company: "KOREX", invoice: "987654321", sent_at: now() } }));
  want(r.company === "KOREX", JSON.stringify(r));
}, known);

await check("Certifications.getCertification of an unknown one: 404", async () => {
  let err;
  await call(Certifications.getCertification({ imp_uid: "imp_000000000000" })).catch((e) => (err = e));
  want(err && err.response.status === 404 && err.response.data.message === "인증결과가 존재하지 않습니다.", `err ${err && err.message}`);
}, known);

const cert = await certify();
await check("Certifications.getCertification", async () => {
  const c = await call(Certifications.getCertification({ imp_uid: cert }));
  want(c.imp_uid === cert && c.certified === true, JSON.stringify(c));
}, known);
await check("Certifications.deleteCertification", async () => {
  const c = await call(Certifications.deleteCertification({ imp_uid: cert }));
  want(c.imp_uid === cert, JSON.stringify(c));
}, known);

// Naver Pay, order type: a paid naverco payment holds one product order.
const naverImp = await seed({ merchant_uid: "rc-naver-1", amount: 30000, pg_provider: "naverco", pay_method: "naverpay" });
let productOrder;
await check("NaverCo.getProductOrderIds", async () => {
  const os = await call(NaverCo.getProductOrderIds({ imp_uid: naverImp }));
  productOrder = os[0] && os[0].product_order_id;
  want(os.length === 1 && os[0].product_order_status === "PAYED", JSON.stringify(os));
}, known);
await check("NaverCo.getOrderDetail", async () => {
  const o = await call(NaverCo.getOrderDetail({ product_order_id: productOrder }));
  want(o.product_order_id === productOrder, JSON.stringify(o));
}, known);
await check("NaverCo.place", async () => {
  const os = await call(NaverCo.place({ imp_uid: naverImp, product_order_id: [productOrder] }));
  want(os.length === 1, JSON.stringify(os));
}, known);
await check("NaverCo.ship (DELIVERY)", async () => {
  const os = await call(NaverCo.ship({ imp_uid: naverImp, product_order_id: [productOrder], delivery_method: "DELIVERY", dispatched_at: now(), delivery_company: "CJGLS", tracking_number: "1234567890" }));
  want(os.length === 1 && os[0].product_order_status === "DELIVERING", JSON.stringify(os));
}, known);
await check("NaverCo.requestReturn", async () => {
  const os = await call(NaverCo.requestReturn({ imp_uid: naverImp, product_order_id: [productOrder], reason: "INTENT_CHANGED", delivery_method: "RETURN_DESIGNATED" }));
  want(os.length === 1 && os[0].product_order_status === "DELIVERING", JSON.stringify(os));
}, known);
await check("NaverCo.withholdReturn", async () => {
  const os = await call(NaverCo.withholdReturn({ imp_uid: naverImp, product_order_id: [productOrder], reason: "RETURN_DELIVERYFEE", memo: "fee", extra_charge: 3000 }));
  want(os.length === 1, JSON.stringify(os));
}, known);
await check("NaverCo.resolveReturn", async () => {
  const os = await call(NaverCo.resolveReturn({ imp_uid: naverImp, product_order_id: [productOrder] }));
  want(os.length === 1, JSON.stringify(os));
}, known);
await check("NaverCo.approveReturn", async () => {
  const os = await call(NaverCo.approveReturn({ imp_uid: naverImp, product_order_id: [productOrder], memo: "ok", extra_charge: 3000 }));
  want(os.length === 1 && os[0].product_order_status === "RETURNED", JSON.stringify(os));
}, known);
const naverImp2 = await seed({ merchant_uid: "rc-naver-2", amount: 10000, pg_provider: "naverco", pay_method: "naverpay" });
await check("NaverCo.cancel (seller, all product orders)", async () => {
  const os = await call(NaverCo.cancel({ imp_uid: naverImp2, reason: "SOLD_OUT" }));
  want(os.length === 1 && os[0].product_order_status === "CANCELED", JSON.stringify(os));
}, known);
await check("NaverCo.getReviews (general, last week)", async () => {
  const r = await NaverCo.getReviews({ from: now() - 7 * 86400, to: now(), review_type: "general" }).request(iamport);
  want(r.data.code === 0 && Array.isArray(r.data.response), JSON.stringify(r.data).slice(0, 200));
}, known);

await check("NaverCo.getReviews with channel_key (passed through the params)", async () => {
  const r = await NaverCo.getReviews({ from: now() - 7 * 86400, to: now(), review_type: "general", channel_key: "channel-key-test" }).request(iamport);
  want(r.data.code === 0 && Array.isArray(r.data.response), JSON.stringify(r.data).slice(0, 200));
}, known);

// Naver Pay, payment type.
const naverpayImp = await seed({ merchant_uid: "rc-naverpay-1", amount: 20000, pg_provider: "naverpay", pay_method: "trans", escrow: true });
await check("NaverPay.postPoint", async () => {
  const p = await call(NaverPay.postPoint({ imp_uid: naverpayImp }));
  want(p.imp_uid === naverpayImp, JSON.stringify(p));
}, known);
await check("NaverPay.postEscrow (confirm)", async () => {
  const p = await call(NaverPay.postEscrow({ imp_uid: naverpayImp }));
  want(p.imp_uid === naverpayImp, JSON.stringify(p));
}, known);
await check("NaverPay.getCashAmount", async () => {
  const a = await call(NaverPay.getCashAmount({ imp_uid: naverpayImp }));
  want(a.amount_total === 20000 || a.amount === 20000 || JSON.stringify(a).includes("20000"), JSON.stringify(a));
}, known);

const paycoImp = await seed({ merchant_uid: "rc-payco-1", amount: 9000, pg_provider: "payco", pay_method: "card" });
await check("Payco.postOrderStatus DELIVERY_START", async () => {
  const r = await Payco.postOrderStatus({ imp_uid: paycoImp, status: "DELIVERY_START" }).request(iamport);
  want(r.data.code === 0, JSON.stringify(r.data));
}, known);

finish("iamport-rest-client-nodejs");
