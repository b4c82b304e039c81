// Shared by the client scripts: checks, the fake's seeding control, and the
// closing line. A check listed in a script's `known` map must fail with the
// given text: who "client" is a failure the client has against
// api.iamport.kr too, who "unsettled" a refusal where the fake follows
// PortOne's file and no capture shows what today's server does; why gives
// the evidence. A listed check that passes fails the run, so the lists stay
// true.
export const baseUrl = (process.argv[2] || "").replace(/\/$/, "");
if (!baseUrl) {
  console.error("usage: node CLIENT.mjs http://127.0.0.1:PORT");
  process.exit(2);
}
export const KEY = "fake_imp_key";
export const SECRET = "fake_imp_secret";

let passed = 0;
let failed = 0;
let faults = 0;

export function want(ok, what) {
  if (!ok) throw new Error(what);
}

function describe(err) {
  if (!(err instanceof Error) && err && err.response) {
    return `rejected with ${JSON.stringify(err.response.data ?? err.response).slice(0, 400)}`;
  }
  let s = String(err && err.message ? err.message : JSON.stringify(err));
  const data = err && (err.response?.data ?? err.data ?? err.raw);
  if (data) s += ` ${JSON.stringify(data).slice(0, 400)}`;
  return s;
}

export async function check(name, f, known = {}) {
  const fault = known[name];
  try {
    await f();
    if (fault) {
      failed++;
      console.log(`FAIL ${name}: passes now, but the known list has it (${fault.why}): drop it from the list`);
    } else {
      passed++;
      console.log(`ok ${name}`);
    }
  } catch (err) {
    const text = describe(err);
    if (fault && text.includes(fault.err)) {
      passed++;
      faults++;
      console.log(`known-${fault.who} ${name}: ${text}\n    why: ${fault.why}`);
    } else {
      failed++;
      console.log(`FAIL ${name}: ${text}`);
    }
  }
}

// seed stores a payment through the fake's control (not in the spec).
export async function seed(payment) {
  const res = await fetch(`${baseUrl}/__fake/payments`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(payment),
  });
  const env = await res.json();
  if (env.code !== 0) throw new Error(`seed: HTTP ${res.status} ${JSON.stringify(env)}`);
  return env.response.imp_uid;
}

export function finish(client) {
  console.log(`${client}: ${passed + failed} calls, ${passed} as expected, ${faults} of them known differences`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

export const now = () => Math.floor(Date.now() / 1000);

// certify makes a certification the way a shop's backend does it (SMS OTP:
// POST /certifications/otp/request, then confirm with the fake's code
// 123456), with plain fetch, and returns its imp_uid, for the clients'
// certification lookups.
export async function certify() {
  const post = async (path, body, token) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const env = await res.json();
    if (env.code !== 0) throw new Error(`${path}: HTTP ${res.status} ${JSON.stringify(env)}`);
    return env.response;
  };
  const { access_token: token } = await post("/users/getToken", { imp_key: KEY, imp_secret: SECRET });
  const { imp_uid: impUID } = await post("/certifications/otp/request", {
    name: "홍길동", phone: "01012345678", birth: "880101", gender_digit: "1", carrier: "SKT", channel_key: "channel-key-test",
  }, token);
  await post(`/certifications/otp/confirm/${impUID}`, { otp: "123456" }, token);
  return impUID;
}
