/*
 * portone-fake: the PortOne V1 browser SDK (IMP), served by the fake at
 * /v1/iamport.js, the path of https://cdn.iamport.kr/v1/iamport.js, so a
 * page swaps only the host. It opens the fake's payment window instead of a
 * PG's: in an overlay over the page (callback mode), or in the whole tab
 * when m_redirect_url is given and there is no callback or the browser is
 * a mobile one (redirect mode, as PortOne does on mobile).
 * Public surface: IMP.init, IMP.agency, IMP.request_pay, IMP.certification,
 * IMP.close; typed against iamport-typings in fake/sdk/ (make check-sdk).
 */
// @ts-check
/** @typedef {import("iamport-typings/src/index").default} Iamport */
/** @typedef {import("iamport-typings/src/index").RequestPayParams} RequestPayParams */
/** @typedef {import("iamport-typings/src/index").RequestPayResponse} RequestPayResponse */
/** @typedef {import("iamport-typings/src/index").RequestPayResponseCallback} RequestPayResponseCallback */
/**
 * IMP.certification's parameters and answer, as PortOne documents them
 * (iamport-typings has no definitions for them).
 * @typedef {{merchant_uid?: string, pg?: string, company?: string, carrier?: string, name?: string,
 *   phone?: string, min_age?: number, popup?: boolean, m_redirect_url?: string}} CertificationParams
 * @typedef {{success: boolean, imp_uid: string | null, merchant_uid?: string, pg_provider?: string,
 *   pg_type?: string, error_code?: string, error_msg?: string}} CertificationResponse
 * @typedef {(response: CertificationResponse) => void} CertificationCallback
 * @typedef {Iamport & {
 *   agency: (userCode: string, tierCode: string) => void,
 *   certification: (params: CertificationParams, callback?: CertificationCallback) => void,
 *   close: () => void }} FakeIamport
 */
(function (global) {
  "use strict";

  // The fake's origin: the host this script was loaded from.
  var script = /** @type {HTMLScriptElement | null} */ (document.currentScript);
  var origin = script && script.src ? new URL(script.src, global.location.href).origin : global.location.origin;

  /** @type {{userCode: string | null, tierCode: string | null, pending: {id: string, callback?: Function} | null}} */
  var state = { userCode: null, tierCode: null, pending: null };

  function isMobile() {
    return /Mobi|Android|iPhone|iPad/i.test(global.navigator.userAgent);
  }

  /**
   * @param {Function | undefined} callback
   * @param {{merchant_uid?: string} | undefined} params
   * @param {string} message
   */
  function failNow(callback, params, message) {
    /** @type {RequestPayResponse} */
    var rsp = {
      success: false, imp_success: false, imp_uid: null,
      merchant_uid: params && params.merchant_uid, error_code: "F0000", error_msg: message
    };
    if (typeof callback === "function") {
      global.setTimeout(function () { callback(rsp); }, 0);
    } else if (global.console) {
      global.console.error("portone-fake: " + message);
    }
  }

  function nonce() {
    var a = new Uint32Array(2);
    global.crypto.getRandomValues(a);
    return a[0].toString(36) + a[1].toString(36);
  }

  /**
   * @param {"payment" | "certification"} kind
   * @param {RequestPayParams | CertificationParams} params
   * @param {"callback" | "redirect"} mode
   * @param {string} id
   */
  function windowURL(kind, params, mode, id) {
    var q = new URLSearchParams();
    q.set("kind", kind);
    q.set("mode", mode);
    q.set("user_code", state.userCode || "");
    if (state.tierCode) { q.set("tier_code", state.tierCode); }
    q.set("origin", global.location.origin);
    q.set("nonce", id);
    q.set("params", JSON.stringify(params));
    return origin + "/__fake/window?" + q.toString();
  }

  function removeOverlay() {
    var el = document.getElementById("portone-fake-overlay");
    if (el) { el.parentNode.removeChild(el); }
  }

  // One listener for every window: the window posts its result to the
  // page that opened it, with the nonce it was opened with.
  global.addEventListener("message", function (ev) {
    var p = state.pending;
    var d = ev.data;
    if (!p || ev.origin !== origin || !d || d.type !== "portone-fake:result" || d.nonce !== p.id) {
      return;
    }
    state.pending = null;
    removeOverlay();
    if (typeof p.callback === "function") { p.callback(d.response); }
  });

  /**
   * @param {"payment" | "certification"} kind
   * @param {RequestPayParams | CertificationParams} params
   * @param {Function | undefined} callback
   */
  function open(kind, params, callback) {
    if (!state.userCode) {
      failNow(callback, params, "IMP.init(가맹점 식별코드)를 먼저 호출해야 합니다.");
      return;
    }
    if (!params || typeof params !== "object" || (kind === "payment" && !params.merchant_uid)) {
      failNow(callback, params, "merchant_uid는 필수입니다.");
      return;
    }
    var id = nonce();
    var redirect = !!params.m_redirect_url && (typeof callback !== "function" || isMobile());
    if (redirect) {
      global.location.href = windowURL(kind, params, "redirect", id);
      return;
    }
    if (state.pending) {
      failNow(callback, params, "이미 결제창이 열려 있습니다.");
      return;
    }
    state.pending = { id: id, callback: callback };
    var overlay = document.createElement("div");
    overlay.id = "portone-fake-overlay";
    overlay.setAttribute("style", "position:fixed;inset:0;z-index:2147483647;background:rgba(0,0,0,.45);" +
      "display:flex;align-items:center;justify-content:center");
    var frame = document.createElement("iframe");
    frame.id = "portone-fake-window";
    frame.title = "portone-fake payment window";
    // data-loaded marks the window's own document as in place (the
    // iframe starts on about:blank), for tests and for styling.
    frame.addEventListener("load", function () { frame.setAttribute("data-loaded", "true"); });
    frame.src = windowURL(kind, params, "callback", id);
    frame.setAttribute("style", "width:420px;height:620px;max-width:100%;max-height:100%;border:0;border-radius:8px;background:#fff");
    overlay.appendChild(frame);
    document.body.appendChild(overlay);
  }

  /** @type {FakeIamport} */
  var IMP = {
    /** init sets the merchant's identification code (가맹점 식별코드, imp + digits). */
    init: function (/** @type {string} */ userCode) { state.userCode = String(userCode); state.tierCode = null; },
    /** agency sets the code and the sub-merchant's tier code (하위 가맹점). */
    agency: function (/** @type {string} */ userCode, /** @type {string} */ tierCode) { state.userCode = String(userCode); state.tierCode = tierCode ? String(tierCode) : null; },
    /**
     * @param {RequestPayParams} params
     * @param {RequestPayResponseCallback} [callback]
     */
    request_pay: function (params, callback) { open("payment", params, callback); },
    /**
     * @param {CertificationParams} params
     * @param {CertificationCallback} [callback]
     */
    certification: function (params, callback) { open("certification", params || {}, callback); },
    /** close closes an open window; its callback is not called. */
    close: function () { state.pending = null; removeOverlay(); }
  };
  global.IMP = IMP;
})(window);
