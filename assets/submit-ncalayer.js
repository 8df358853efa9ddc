// A client of NCALayer, the National Certification Authority's desktop signer, as a page talks
// to it (module `kz.gov.pki.knca.basics`, method `sign`): a WebSocket on the applicant's own
// computer (default wss://127.0.0.1:13579) that greets on open, then answers one JSON request
// with one JSON reply. Imported by the submit worker (assets/submit-worker.js) only when the
// portal asks for an electronic signature, so the first page does not carry it.
//
// sign() resolves with the DER bytes of a detached CMS over `data`, or rejects with an Error
// whose `code` is one of:
//   eds.unreachable  no NCALayer at the address (not installed, not started, or the page may
//                    not connect to it), or it closed the connection before answering
//   eds.cancelled    the applicant closed NCALayer's window
//   eds.error        NCALayer answered with an error (`detail`: its code and message)
//   eds.timeout      no answer in time
//   eds.unreadable   the answer is not a CMS in base64 (PEM-armoured or plain)

const EKU_SIGNING = "1.3.6.1.5.5.7.3.4";

function fail(code, detail = "") {
  const e = new Error(detail ? `${code}: ${detail}` : code);
  e.code = code;
  e.detail = detail;
  return e;
}

function base64(bytes) {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** The bytes of a CMS given as PEM (`-----BEGIN CMS-----` …) or as plain base64. */
export function decodeCms(text) {
  if (typeof text !== "string") throw fail("eds.unreadable", "the signature is not text");
  const body = text.replace(/-----(BEGIN|END) [A-Z0-9 ]+-----/g, "").replace(/\s+/g, "");
  if (!body || !/^[A-Za-z0-9+/]+={0,2}$/.test(body)) throw fail("eds.unreadable", "the signature is not base64");
  let raw;
  try {
    raw = atob(body);
  } catch {
    throw fail("eds.unreadable", "the signature is not base64");
  }
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

/** The request for a detached CMS over `data` (bytes). */
export function request(data, { timestamp = false, locale = "kk" } = {}) {
  const signingParams = { decode: true, encapsulate: false, digested: false };
  if (timestamp) signingParams.tsaProfile = {};
  return {
    module: "kz.gov.pki.knca.basics",
    method: "sign",
    args: {
      allowedStorages: ["PKCS12", "AKKaztokenStore", "AKKZIDCardStore"],
      format: "cms",
      data: base64(data),
      signingParams,
      signerParams: { extKeyUsageOids: [EKU_SIGNING], chain: [] },
      locale,
    },
  };
}

/**
 * What a reply means: {cms} (bytes), or throws the coded Error. Understands the current module's
 * replies and the legacy `commonUtils` ones (`{"code":"200","responseObject":…}`).
 */
export function reply(message) {
  if (message?.status === true) {
    const result = message.body?.result;
    if (result === undefined || result === null) throw fail("eds.cancelled");
    const first = Array.isArray(result) ? result[0] : result;
    return { cms: decodeCms(first) };
  }
  if (message?.status === false) {
    const said = [message.code, message.message, message.details].filter(Boolean).join(": ");
    throw fail("eds.error", said || "NCALayer refused");
  }
  if (message?.code === "200" && message.responseObject !== undefined) return { cms: decodeCms(message.responseObject) };
  if (message?.code === "500" && /cancel/i.test(String(message.message))) throw fail("eds.cancelled");
  throw fail("eds.error", JSON.stringify(message).slice(0, 300));
}

/** A greeting (`{"result":{"version":…}}`), not a reply. */
const isGreeting = (m) => m && m.status === undefined && m.code === undefined && m.result && m.result.version !== undefined;

/**
 * Asks NCALayer at `url` to sign `data`. `timeoutMs` bounds the wait for the applicant (who
 * picks a key and types its password meanwhile); `connectMs` the wait for the connection.
 */
export function sign(url, data, { timestamp = false, locale = "kk", timeoutMs = 300_000, connectMs = 10_000 } = {}) {
  return new Promise((ok, ko) => {
    let socket;
    let sent = false;
    let done = false;
    let timer;
    const finish = (error, value) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      try {
        socket?.close();
      } catch {}
      if (error) ko(error);
      else ok(value);
    };
    const send = () => {
      if (sent || done) return;
      sent = true;
      clearTimeout(timer);
      timer = setTimeout(() => finish(fail("eds.timeout")), timeoutMs);
      socket.send(JSON.stringify(request(data, { timestamp, locale })));
    };
    try {
      socket = new WebSocket(url);
    } catch (e) {
      finish(fail("eds.unreachable", String(e?.message ?? e)));
      return;
    }
    timer = setTimeout(() => finish(fail("eds.unreachable", "no connection")), connectMs);
    // NCALayer greets first; a version that does not is asked anyway after a second.
    socket.onopen = () => {
      clearTimeout(timer);
      timer = setTimeout(send, 1000);
    };
    socket.onerror = () => finish(fail("eds.unreachable", sent ? "the connection failed" : "cannot connect"));
    socket.onclose = () => finish(fail("eds.unreachable", sent ? "closed before answering" : "cannot connect"));
    socket.onmessage = ({ data: text }) => {
      let message;
      try {
        message = JSON.parse(text);
      } catch {
        finish(fail("eds.error", "the answer is not JSON"));
        return;
      }
      if (isGreeting(message)) {
        send();
        return;
      }
      try {
        finish(null, reply(message));
      } catch (e) {
        finish(e);
      }
    };
  });
}
