// A mock of NCALayer (the NCA's desktop signer) for the end-to-end tests: a WebSocket server on
// 127.0.0.1 (a free port) that speaks its protocol as ../shared/fixtures/nca-test/README.md
// describes it: a greeting on open, then one reply per `kz.gov.pki.knca.basics` `sign` request.
// What it answers is chosen per test (`mock.mode`):
//   "sign"    `mock.result` when set (the reply's `body.result` as given), else a detached GOST 2015-512 CMS over the request's data, made with the test key
//             tests/fixtures/nca-test/keys/individual_valid.p12 by anyqtama-eds's test_sign
//             example (built by `cargo build --release -p anyqtama-eds --example test_sign`),
//             PEM-armoured in an array (`plain`: a bare base64 string, as older versions answer)
//   "cancel"  the applicant closed the window: {"status":true,"body":{}}
//   "error"   {"status":false,"code":…,"message":…}
//   "silence" no answer at all
// Every request is kept in `mock.requests` for the tests to inspect.
import { WebSocketServer } from "ws";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./server.mjs";

export const SIGNER = process.env.TEST_SIGN ?? join(ROOT, "target", "release", "examples", "test_sign");
export const TEST_KEY = join(ROOT, "tests", "fixtures", "nca-test", "keys", "individual_valid.p12");

/** A detached CMS (base64) over `content`, made with `p12` by the test_sign example. */
export function testSign(content, p12 = TEST_KEY) {
  const dir = mkdtempSync(join(tmpdir(), "ncalayer-mock-"));
  const file = join(dir, "content");
  writeFileSync(file, content);
  return new Promise((ok, fail) =>
    execFile(SIGNER, ["--p12", p12, "--password", "Qwerty12", "--content", file], (error, stdout, stderr) => {
      rmSync(dir, { recursive: true, force: true });
      if (error) fail(new Error(`test_sign failed: ${stderr || error.message}`));
      else ok(stdout.trim());
    }),
  );
}

const pem = (b64) => `-----BEGIN CMS-----\n${b64.match(/.{1,64}/g).join("\n")}\n-----END CMS-----\n`;

/** Starts the mock; resolves with { url, mode, plain, p12, requests, close() }. */
export async function startNcalayer({ mode = "sign" } = {}) {
  const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise((ok) => server.once("listening", ok));
  const mock = {
    url: `ws://127.0.0.1:${server.address().port}`,
    mode,
    plain: false,
    p12: TEST_KEY,
    result: undefined,
    requests: [],
    close: () =>
      new Promise((ok) => {
        for (const c of server.clients) c.terminate();
        server.close(() => ok());
      }),
  };
  server.on("connection", (socket) => {
    socket.send(JSON.stringify({ result: { version: "1.4-mock" } }));
    socket.on("message", async (raw) => {
      let request;
      try {
        request = JSON.parse(String(raw));
      } catch {
        socket.send(JSON.stringify({ status: false, code: "500", message: "bad request" }));
        return;
      }
      mock.requests.push(request);
      const answer = (v) => socket.readyState === socket.OPEN && socket.send(JSON.stringify(v));
      if (request.module !== "kz.gov.pki.knca.basics" || request.method !== "sign") {
        answer({ status: false, code: "500", message: "unknown module or method" });
        return;
      }
      switch (mock.mode) {
        case "sign": {
          if (mock.result !== undefined) {
            answer({ status: true, body: { result: mock.result } });
            break;
          }
          try {
            const b64 = await testSign(Buffer.from(request.args.data, "base64"), mock.p12);
            answer({ status: true, body: { result: mock.plain ? b64 : [pem(b64)] } });
          } catch (e) {
            answer({ status: false, code: "500", message: String(e.message) });
          }
          break;
        }
        case "cancel":
          answer({ status: true, body: {} });
          break;
        case "error":
          answer({ status: false, code: "500", message: "Key store password is incorrect", details: "mock" });
          break;
        case "silence":
          break;
        default:
          answer({ status: false, code: "500", message: `mock mode ${mock.mode}` });
      }
    });
  });
  return mock;
}

/** An address where nothing listens (NCALayer not running): a port just opened and closed. */
export async function absentUrl() {
  const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise((ok) => server.once("listening", ok));
  const port = server.address().port;
  await new Promise((ok) => server.close(() => ok()));
  return `ws://127.0.0.1:${port}`;
}
