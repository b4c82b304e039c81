// npm iamporter (posquit0/node-iamporter), unchanged, against portone-fake:
// every call of its Iamporter class but payForeign (below). JSON bodies,
// `Authorization: <token>` without Bearer.
import pkg from "iamporter";
const { Iamporter } = pkg;
import { baseUrl, KEY, SECRET, check, seed, certify, finish, want, now } from "./common.mjs";

// Nothing known: every call below behaves as against api.iamport.kr. (iamporter
// resolves a 404 instead of rejecting it, its _request does so on purpose.)
// Not tried: payForeign, POST /subscribe/payments/foreign, a route PortOne's
// file does not have.
const known = {};

const imp1 = await seed({ merchant_uid: "ip-order-1", amount: 39000, buyer_name: "홍길동" });
await seed({ merchant_uid: "ip-order-2", amount: 1000 });
const iamporter = new Iamporter({ apiKey: KEY, secret: SECRET, host: baseUrl });

await check("getToken", async () => {
  const r = await iamporter.getToken();
  want(r.status === 200 && typeof r.data.access_token === "string", JSON.stringify(r.raw));
}, known);
await check("getToken with a wrong secret is refused", async () => {
  let err;
  await new Iamporter({ apiKey: KEY, secret: "wrong", host: baseUrl }).getToken().catch((e) => (err = e));
  want(err && err.message === "아임포트 API 인증에 실패하였습니다.", `err ${err}`);
}, known);
await check("findByImpUid", async () => {
  const r = await iamporter.findByImpUid(imp1);
  want(r.data.imp_uid === imp1 && r.data.amount === 39000 && r.data.status === "paid", JSON.stringify(r.data));
}, known);
await check("findByImpUid of an unknown payment: 404, resolved", async () => {
  const r = await iamporter.findByImpUid("imp_000000000000");
  want(r.status === 404 && r.data === null && r.message === "존재하지 않는 결제정보입니다.", JSON.stringify(r.raw));
}, known);
await check("findByMerchantUid (/payments/find/{m})", async () => {
  const r = await iamporter.findByMerchantUid("ip-order-1");
  want(r.data.imp_uid === imp1, JSON.stringify(r.data));
}, known);
await check("findAllByMerchantUid (/payments/findAll/{m}/)", async () => {
  const r = await iamporter.findAllByMerchantUid("ip-order-1");
  want(r.data.total === 1 && r.data.list[0].imp_uid === imp1, JSON.stringify(r.data));
}, known);
await check("findAllByMerchantUid paid (/payments/findAll/{m}/paid)", async () => {
  const r = await iamporter.findAllByMerchantUid("ip-order-1", { status: "paid" });
  want(r.data.total === 1, JSON.stringify(r.data));
}, known);
await check("findAllByStatus paid, limit 10", async () => {
  const r = await iamporter.findAllByStatus("paid", { limit: 10 });
  want(r.data.total === 2 && r.data.list.length === 2, JSON.stringify(r.data).slice(0, 200));
}, known);
await check("findAllByStatus of an unknown status is refused", async () => {
  let err;
  await iamporter.findAllByStatus("unknown").catch((e) => (err = e));
  want(err && err.message === "지원되지 않는 상태값입니다.", `err ${err && err.message}`);
}, known);

await check("createPreparedPayment", async () => {
  const r = await iamporter.createPreparedPayment({ merchant_uid: "ip-prepared-1", amount: 12000 });
  want(r.data.merchant_uid === "ip-prepared-1" && r.data.amount === 12000, JSON.stringify(r.data));
}, known);
await check("getPreparedPayment", async () => {
  const r = await iamporter.getPreparedPayment("ip-prepared-1");
  want(r.data.amount === 12000, JSON.stringify(r.data));
}, known);
await check("getPreparedPayment of an unknown order: 404, resolved", async () => {
  const r = await iamporter.getPreparedPayment("ip-nothing");
  want(r.status === 404 && r.message === "사전등록된 결제정보가 존재하지 않습니다.", JSON.stringify(r.raw));
}, known);

await check("cancelByImpUid partial, checksum = balance", async () => {
  const r = await iamporter.cancelByImpUid(imp1, { amount: 9000, checksum: 39000, reason: "partial" });
  want(r.data.cancel_amount === 9000 && r.data.status === "paid", JSON.stringify(r.data));
}, known);
await check("cancelByImpUid again with the stale checksum is refused", async () => {
  let err;
  await iamporter.cancelByImpUid(imp1, { amount: 9000, checksum: 39000 }).catch((e) => (err = e));
  want(err && err.data === null && /checksum|금액/.test(err.message), `err ${err && err.message}`);
}, known);
await check("cancelByMerchantUid, the rest", async () => {
  const r = await iamporter.cancelByMerchantUid("ip-order-1", { checksum: 30000 });
  want(r.data.status === "cancelled" && r.data.cancel_amount === 39000, JSON.stringify(r.data));
}, known);
await check("cancel without imp_uid or merchant_uid is refused", async () => {
  let err;
  await iamporter.cancel({}).catch((e) => (err = e));
  want(err && /지정해주셔야합니다\./.test(err.message), `err ${err && err.message}`);
}, known);

const cust = "ip-customer-1";
await check("createSubscription (billing key, no pg)", async () => {
  const r = await iamporter.createSubscription({
    customer_uid: cust, card_number: "4092-0230-1234-1234", expiry: "2030-12", birth: "880101", pwd_2digit: "00",
  });
  want(r.data.customer_uid === cust && r.data.card_name, JSON.stringify(r.data));
}, known);
await check("getSubscription", async () => {
  const r = await iamporter.getSubscription(cust);
  want(r.data.customer_uid === cust, JSON.stringify(r.data));
}, known);
await check("payOnetime", async () => {
  const r = await iamporter.payOnetime({
    merchant_uid: "ip-onetime-1", amount: 5000, card_number: "4092-0230-1234-5678", expiry: "2030-12", birth: "880101", pwd_2digit: "00",
  });
  want(r.data.status === "paid" && r.data.amount === 5000, JSON.stringify(r.data));
}, known);
await check("payOnetime with a declined card is refused", async () => {
  let err;
  await iamporter.payOnetime({
    merchant_uid: "ip-onetime-2", amount: 5000, card_number: "4092-0230-1234-0002", expiry: "2030-12", birth: "880101",
  }).catch((e) => (err = e));
  want(err instanceof Error, `err ${err}`);
}, known);
await check("paySubscription (again, no name)", async () => {
  const r = await iamporter.paySubscription({ customer_uid: cust, merchant_uid: "ip-again-1", amount: 7000 });
  want(r.data.status === "paid" && r.data.amount === 7000, JSON.stringify(r.data));
}, known);
await check("paySubscription for an unknown customer is refused", async () => {
  let err;
  await iamporter.paySubscription({ customer_uid: "ip-nobody", merchant_uid: "ip-again-2", amount: 7000 }).catch((e) => (err = e));
  want(err && err.message === "등록되지 않은 구매자입니다.", `err ${err && err.message}`);
}, known);
await check("deleteSubscription", async () => {
  const r = await iamporter.deleteSubscription(cust);
  want(r.data.customer_uid === cust, JSON.stringify(r.data));
}, known);
// iamporter's own test/subscription.test.js expects a rejection here (the
// server answers HTTP 200 code 1; iamporter would resolve a 404).
await check("getSubscription after the delete: rejected with the server's message", async () => {
  let err;
  await iamporter.getSubscription(cust).catch((e) => (err = e));
  want(err && /등록된 정보를 찾을 수 없습니다\./.test(err.message), `err ${err && err.message}`);
}, known);
await check("deleteSubscription after the delete: rejected with the server's message", async () => {
  let err;
  await iamporter.deleteSubscription(cust).catch((e) => (err = e));
  want(err && /등록된 정보를 찾을 수 없습니다\./.test(err.message), `err ${err && err.message}`);
}, known);

await check("createVbank (no channel_key)", async () => {
  const r = await iamporter.createVbank({
    merchant_uid: "ip-vbank-1", amount: 15000, vbank_code: "004", vbank_due: now() + 3 * 86400, vbank_holder: "홍길동",
  });
  want(r.data.status === "ready" && r.data.vbank_num, JSON.stringify(r.data));
}, known);

const cert = await certify();
await check("getCertification", async () => {
  const r = await iamporter.getCertification(cert);
  want(r.data.imp_uid === cert && r.data.certified === true, JSON.stringify(r.data));
}, known);
await check("deleteCertification", async () => {
  const r = await iamporter.deleteCertification(cert);
  want(r.data.imp_uid === cert, JSON.stringify(r.data));
}, known);
await check("getCertification after the delete: 404, resolved", async () => {
  const r = await iamporter.getCertification(cert);
  want(r.status === 404 && r.message === "인증결과가 존재하지 않습니다.", JSON.stringify(r.raw));
}, known);

finish("iamporter");
