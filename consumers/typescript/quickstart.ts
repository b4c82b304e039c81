import createClient from "openapi-fetch";
import type { paths } from "./schema.js"; // npx openapi-typescript portone-v1.yaml -o schema.d.ts

// Is the payment paid, at this amount? (After the payment window, before shipping.)
export async function isPaid(baseUrl: string, impKey: string, impSecret: string,
  impUID: string, amount: number): Promise<boolean> {
  const client = createClient<paths>({ baseUrl }); // https://api.iamport.kr, or portone-fake's URL
  const tok = await client.POST("/users/getToken", { body: { imp_key: impKey, imp_secret: impSecret } });
  const token = tok.data?.response?.access_token;
  if (!token) throw new Error(`getToken: HTTP ${tok.response.status}`); // 401: wrong key or secret
  client.use({
    onRequest: ({ request }) => { request.headers.set("Authorization", `Bearer ${token}`); return request; },
  });

  const { data, error, response } = await client.GET("/payments/{imp_uid}", {
    params: { path: { imp_uid: impUID } },
  });
  if (response.status === 429 || response.status >= 500) {
    // Try again later. The body may be HTML from the front server: `error` is then its text.
    throw new Error(`getPaymentByImpUid: HTTP ${response.status}`);
  }
  if (error) return false; // 404: no such payment (error.code -1, error.response null)
  // `code` is the truth: refusals come with HTTP 200 and code 1 (response null).
  return data.code === 0 && data.response?.status === "paid" && data.response.amount === amount;
}
