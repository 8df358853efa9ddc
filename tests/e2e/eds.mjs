// The applicant's electronic signature (EDS) through NCALayer, end to end.
//
// First the widget's NCALayer client (assets/submit-ncalayer.js) against the mock
// (ncalayer-mock.mjs) in Node: the request it sends, and each way NCALayer can answer. Then in
// Chromium, the built app (dist/) served by a real `anyqtama serve --require-eds --trust …` on a
// portal page that asks for `?signature=eds`: the form filled through the UI, a file attached,
// signed through the mock with the NCA's test key, sent; the receipt shows the signer's IIN.
// And NCALayer absent, cancelled, answering an error, silent: each shows its message, keeps the
// draft and the built bundle (a second try does not rebuild it), and passes axe-core.
//
//   node --test --test-reporter=spec tests/e2e/eds.mjs
//     (after `trunk build --release`, `cargo build --release -p anyqtama-cli` and
//      `cargo build --release -p anyqtama-eds --example test_sign`)
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { WebSocket } from "ws";
import { assertAccessible } from "./a11y.mjs";
import { launch } from "./browser.mjs";
import { TEXT, assertReady, clean, drawImages, fixture, headingText, waitForLang, walk } from "./fill.mjs";
import { absentUrl, startNcalayer, testSign } from "./ncalayer-mock.mjs";
import { BIN, PYTHON, ROOT, officerGet, rows, seedComplete, startServer, stop } from "./server.mjs";

globalThis.WebSocket ??= WebSocket; // the client is written for the browser's (and a worker's)
const client = await import("../../assets/submit-ncalayer.js");

const code = (promise) => promise.then(() => "signed", (e) => e.code ?? String(e));
const DATA = new TextEncoder().encode("bagit.txt 0123\n");

test("NCALayer client: the request is a detached CMS over the data, with a time stamp only when asked", async () => {
  const mock = await startNcalayer({ mode: "sign" });
  try {
    const b64 = Buffer.from("0\x03\x02\x01\x01", "latin1").toString("base64");
    mock.result = [`-----BEGIN CMS-----\n${b64}\n-----END CMS-----\n`];
    const { cms } = await client.sign(mock.url, DATA, { locale: "ru" });
    assert.deepEqual([...cms], [0x30, 3, 2, 1, 1], "PEM in an array");
    mock.result = b64;
    assert.deepEqual([...(await client.sign(mock.url, DATA, { timestamp: true })).cms], [0x30, 3, 2, 1, 1], "plain base64");
    const [first, second] = mock.requests;
    assert.equal(first.module, "kz.gov.pki.knca.basics");
    assert.equal(first.method, "sign");
    assert.equal(first.args.format, "cms");
    assert.equal(Buffer.from(first.args.data, "base64").toString(), "bagit.txt 0123\n");
    assert.deepEqual(first.args.signingParams, { decode: true, encapsulate: false, digested: false });
    assert.deepEqual(first.args.signerParams.extKeyUsageOids, ["1.3.6.1.5.5.7.3.4"]);
    assert.equal(first.args.locale, "ru");
    assert.deepEqual(second.args.signingParams.tsaProfile, {}, "a time stamp when the portal asks");
    mock.result = "not base64 !";
    assert.equal(await code(client.sign(mock.url, DATA)), "eds.unreadable");
  } finally {
    await mock.close();
  }
});

test("NCALayer client: absent, cancelled, an error, silence each have their code", async () => {
  assert.equal(await code(client.sign(await absentUrl(), DATA)), "eds.unreachable");
  assert.equal(await code(client.sign("not a url", DATA)), "eds.unreachable");
  const mock = await startNcalayer({ mode: "cancel" });
  try {
    assert.equal(await code(client.sign(mock.url, DATA)), "eds.cancelled");
    mock.mode = "error";
    const error = await client.sign(mock.url, DATA).catch((e) => e);
    assert.equal(error.code, "eds.error");
    assert.match(error.detail, /password is incorrect/, "NCALayer's own words are kept");
    mock.mode = "silence";
    const started = Date.now();
    assert.equal(await code(client.sign(mock.url, DATA, { timeoutMs: 300 })), "eds.timeout");
    assert.ok(Date.now() - started < 5000);
  } finally {
    await mock.close();
  }
  // The legacy module's replies are understood too.
  assert.equal(await code(Promise.resolve().then(() => client.reply({ code: "500", message: "action.canceled" }))), "eds.cancelled");
  assert.deepEqual([...client.reply({ code: "200", responseObject: "MAA=" }).cms], [0x30, 0]);
});

// ---------------------------------------------------------------------------------------------
// In Chromium, against the real intake server.

const TODAY = "2026-11-25";
const ARTIFACTS = join(ROOT, "test-artifacts");
const NCA = join(ROOT, "tests", "fixtures", "nca-test");
const TRUST = ["--require-eds", "--trust", join(NCA, "ca", "root_test_gost_2022.cer"), "--trust", join(NCA, "ca", "nca_gost2022_test.cer"), "--crl", join(NCA, "crl", "nca_gost2022_test.crl")];
const TEST_IIN = "123456789011"; // the NCA's test key's IIN (not a valid IIN by its check digit)

describe("in Chromium", () => {
  let browser, work, server, db;

  before(async () => {
    browser = await launch();
    await drawImages(browser);
    work = mkdtempSync(join(tmpdir(), "anyqtama-eds-"));
    mkdirSync(join(ARTIFACTS, "e2e"), { recursive: true });
    mkdirSync(join(ARTIFACTS, "bundles"), { recursive: true });
    db = join(work, "eds.sqlite");
    server = await startServer(db, null, TRUST);
  });

  after(async () => {
    await browser?.close();
    if (server) await stop(server);
    rmSync(work, { recursive: true, force: true });
  });

  /** The portal page asking for an EDS from NCALayer at `ncalayer` (answer within `timeout` s). */
  const pageUrl = (ncalayer, timeout = 3) =>
    `${server.url}?today=${TODAY}&signature=eds&ncalayer-url=${encodeURIComponent(ncalayer)}&ncalayer-timeout=${timeout}`;

  /**
   * A context on the portal page. The submit worker (which opens NCALayer's WebSocket) runs under
   * its own response's CSP, which allows NCALayer's default address only: the mock listens on a
   * random port, so the worker's CSP is left out here — the page's stays.
   */
  async function open(address) {
    const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
    await context.route(/\/submit-worker\.js$/, async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      delete headers["content-security-policy"];
      await route.fulfill({ response, headers });
    });
    const page = await context.newPage();
    const problems = [];
    page.on("pageerror", (e) => problems.push(e.message));
    await page.goto(address, { waitUntil: "load" });
    await page.locator("#page-heading").waitFor();
    return { context, page, problems };
  }

  /** The complete `kind` fixture as the draft (IIN as given; null: none), reloaded on its submit page. */
  async function seededOnSubmit(page, kind, iin) {
    const app = await seedComplete(page, kind);
    await page.evaluate((iin) => {
      const d = JSON.parse(localStorage.getItem("anyqtama.draft"));
      if (iin === null) delete d.application.answers.iin;
      else d.application.answers.iin = iin;
      localStorage.setItem("anyqtama.draft", JSON.stringify(d));
    }, iin);
    await page.reload({ waitUntil: "load" });
    await page.locator("[data-testid=ready]").waitFor();
    await waitForLang(page, "en");
    await page.locator("[data-testid=continue]").click();
    await page.locator("[data-testid=sign-eds]").waitFor();
    return app;
  }

  /** The bytes kept in the widget's IndexedDB under `key` (as an array), or null. */
  const kept = (page, key) =>
    page.evaluate(
      (key) =>
        new Promise((ok) => {
          const r = indexedDB.open("anyqtama", 1);
          r.onsuccess = () => {
            const q = r.result.transaction("files").objectStore("files").get(key);
            const blob = (v) => v?.zip ?? v; // built/<id> is { order, zip }
            q.onsuccess = async () => ok(q.result ? [...new Uint8Array(await blob(q.result).arrayBuffer())] : null);
          };
        }),
      key,
    );

  const bundleId = (page) => page.evaluate(() => JSON.parse(localStorage.getItem("anyqtama.draft")).submission?.id);
  const answers = (page) => page.evaluate(() => JSON.parse(localStorage.getItem("anyqtama.draft")).application.answers);
  const focused = (page) => page.evaluate(() => document.activeElement?.id ?? "");

  /** Presses "Sign with EDS" and waits for the problem `code`; checks what must hold then. */
  async function signFails(page, code, label) {
    await page.locator("[data-testid=sign-eds]").click();
    const problem = page.locator(`[data-testid=eds-problem][data-code="${code}"]`);
    await problem.waitFor({ timeout: 20_000 });
    assert.equal(await problem.getAttribute("role"), "alert");
    await page.waitForFunction(() => document.activeElement?.id === "eds-problem");
    await page.screenshot({ path: join(ARTIFACTS, "e2e", `eds-${label}.png`), fullPage: true });
    await page.mouse.move(0, 0);
    await assertAccessible(page, `EDS: ${label}`);
    assert.equal(await page.locator("[data-testid=send]").count(), 0, "nothing to send unsigned");
    return (await problem.innerText()).replace(/[\u2068\u2069]/g, "");
  }

  test("sign with the EDS through NCALayer, send to a server that requires it; the receipt names the signer", async () => {
    const mock = await startNcalayer({ mode: "sign" });
    const { context, page, problems } = await open(pageUrl(mock.url, 30));
    try {
      // Filled through the UI as an applicant does, without an IIN: the test key's IIN fails the
      // IIN check digit, so the form (rightly) would not take it.
      const fx = fixture("issue");
      delete fx.answers.iin;
      await walk(page, "issue", "kk", undefined, undefined, fx);
      await assertReady(page);
      await page.locator("[data-testid=continue]").click();
      await page.locator("[data-testid=sign-eds]").waitFor();
      await page.mouse.move(0, 0);
      await assertAccessible(page, "EDS: before signing");
      assert.equal(await page.locator("[data-testid=send]").count(), 0, "no Send before the signature");
      // The page says what signs the bundle here: the EDS (and the device key), not the device key alone.
      const body = clean(await page.locator("main").innerText());
      assert.ok(body.includes(clean(TEXT.kk["app-submit-intro-eds"])), body);
      assert.ok(!body.includes(clean(TEXT.kk["app-submit-intro"])), "the device-key-only intro is not shown");
      await page.locator("[data-testid=sign-eds]").click();
      const signer = page.locator("[data-testid=signer]");
      await signer.waitFor({ timeout: 30_000 });
      assert.equal((await page.locator("[data-testid=signer-iin]").innerText()).trim(), TEST_IIN);
      assert.match(await page.locator("[data-testid=signer-name]").innerText(), /\S/);
      assert.match(await page.locator("[data-testid=signer-until]").innerText(), /2027/);
      await page.waitForFunction(() => document.activeElement?.id === "eds-signer");
      await page.screenshot({ path: join(ARTIFACTS, "e2e", "eds-signed.png"), fullPage: true });
      await page.mouse.move(0, 0);
      await assertAccessible(page, "EDS: signed");
      assert.equal(mock.requests.length, 1);
      assert.equal(mock.requests[0].args.signingParams.encapsulate, false);

      // The signed bundle waiting in the outbox: valid by `anyqtama verify` and by Python bagit,
      // and its signature.p7s — over the tag manifest — by `anyqtama eds verify` with the chain.
      const signed = Buffer.from(await kept(page, `outbox/${await bundleId(page)}`));
      const zipFile = join(work, "signed.zip");
      writeFileSync(zipFile, signed);
      writeFileSync(join(ARTIFACTS, "bundles", "browser-eds.zip"), signed);
      // (`verify` checks the EDS too, so it is given the test chain and CRL.)
      execFileSync(BIN, ["verify", zipFile, "--today", TODAY, "--lang", "en", ...TRUST.slice(1)], { stdio: "pipe" });
      execFileSync(PYTHON, [join(ROOT, "tests", "bundle", "validate.py"), zipFile], { stdio: "pipe" });
      const extract = `import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); [open(sys.argv[2] + n, "wb").write(z.read(n)) for n in ("signature.p7s", "tagmanifest-sha256.txt")]`;
      execFileSync(PYTHON, ["-c", extract, zipFile, join(work, "x-")]);
      const eds = JSON.parse(
        execFileSync(BIN, ["eds", "verify", join(work, "x-signature.p7s"), "--content", join(work, "x-tagmanifest-sha256.txt"), ...TRUST.slice(1), "--json"]).toString(),
      );
      assert.equal(eds.valid, true, JSON.stringify(eds).slice(0, 400));
      assert.equal(eds.signers[0].iin, TEST_IIN);
      assert.equal(eds.signers[0].algorithm, "gost2015-512");

      // The signer stays across a reload; Send (signed already: not "Sign and send") sends the
      // signed bundle; the page is then the receipt's.
      await page.reload({ waitUntil: "load" });
      await signer.waitFor();
      assert.equal(clean(await page.locator("[data-testid=send]").innerText()), TEXT.kk["app-submit-send-signed"]);
      await page.locator("[data-testid=send]").click();
      await page.locator("[data-testid=receipt]").waitFor({ timeout: 20_000 });
      assert.equal(await headingText(page), TEXT.kk["app-receipt-heading"]);
      assert.equal((await page.locator("[data-testid=receipt] [data-testid=signer-iin]").innerText()).trim(), TEST_IIN);
      await page.screenshot({ path: join(ARTIFACTS, "e2e", "eds-receipt.png"), fullPage: true });
      await page.mouse.move(0, 0);
      await assertAccessible(page, "EDS: receipt");
      assert.equal(rows(db), 1);

      // The server keeps the bundle as it was signed.
      const id = await bundleId(page);
      const zip = Buffer.from(await (await officerGet(server, `api/bundles/${id}/zip`)).arrayBuffer());
      assert.deepEqual(zip, signed);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
      await mock.close();
    }
  });

  test("NCALayer absent, cancelled, an error, silent, a wrong IIN: each says so and keeps the draft and the bundle", async () => {
    // Absent: nothing listens at the address.
    {
      const { context, page } = await open(pageUrl(await absentUrl()));
      try {
        await seededOnSubmit(page, "extend", null);
        const said = await signFails(page, "eds.unreachable", "absent");
        assert.match(said, /NCALayer/);
        assert.match(said, /pki\.gov\.kz/, "where to get NCALayer");
        assert.ok((await kept(page, `built/${await bundleId(page)}`))?.length > 0, "the built bundle is kept");
        assert.equal((await answers(page)).surname, "Ivanov", "the draft is kept");
      } finally {
        await context.close();
      }
    }
    const mock = await startNcalayer({ mode: "cancel" });
    const { context, page, problems } = await open(pageUrl(mock.url, 3));
    try {
      const app = await seededOnSubmit(page, "issue", "791028302728");
      await signFails(page, "eds.cancelled", "cancelled");
      const id = await bundleId(page);
      const built = await kept(page, `built/${id}`);
      assert.ok(built?.length > 0, "the built bundle is kept");

      mock.mode = "error";
      assert.match(await signFails(page, "eds.error", "error"), /Key store password is incorrect/);
      mock.mode = "silence";
      await signFails(page, "eds.timeout", "timeout");
      // The key belongs to another IIN than the application's.
      mock.mode = "sign";
      const said = await signFails(page, "eds.iin_mismatch", "iin-mismatch");
      assert.match(said, new RegExp(TEST_IIN));
      assert.match(said, /791028302728/);

      // Every try used the bundle built the first time (the device signature is randomised: a
      // rebuilt bundle would differ), under the same id; the draft is as it was; nothing was sent.
      assert.equal(await bundleId(page), id);
      assert.deepEqual(await kept(page, `built/${id}`), built, "not rebuilt");
      assert.equal(await kept(page, `outbox/${id}`), null, "nothing signed waits to be sent");
      assert.deepEqual(await answers(page), app.answers);
      assert.equal(mock.requests.length, 4);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
      await mock.close();
    }
  });

  test("the submit worker reads and checks one GOST 2015-512 signature (benchmark)", async () => {
    const content = Buffer.from("0123abcd bagit.txt\n4567ef01 bag-info.txt\n89ab2345 manifest-sha256.txt\n");
    const cms = Buffer.from(await testSign(content), "base64");
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(server.url, { waitUntil: "load" });
      const file = (...p) => [...readFileSync(join(NCA, ...p))];
    const anchors = [file("ca", "root_test_gost_2022.cer"), file("ca", "nca_gost2022_test.cer")];
    const crls = [file("crl", "nca_gost2022_test.crl")];
    const run = (content, n) =>
      page.evaluate(
        ({ cms, content, n, anchors, crls }) =>
          new Promise((ok, fail) => {
            const w = new Worker("/submit-worker.js", { type: "module" });
            w.onmessage = ({ data }) => {
              if (data.done || data.error) (w.terminate(), ok(data));
            };
            w.onerror = (e) => fail(new Error(e.message));
            const bytes = (a) => new Uint8Array(a);
            const now = Date.now() / 1000;
            w.postMessage({ bench: { cms: bytes(cms), content: bytes(content), n, anchors: anchors.map(bytes), crls: crls.map(bytes), now } });
          }),
        { cms: [...cms], content: [...content], n, anchors, crls },
      );
    const result = await run(content, 30);
    assert.equal(result.error, undefined, result.error);
    assert.equal(result.verdict.error, null, JSON.stringify(result.verdict));
    assert.equal(result.verdict.signer.iin, TEST_IIN);
    assert.equal(result.valid, true, "valid with its chain to the test root, not revoked");
    // The same checks refuse the signature over other bytes.
    const other = await run(Buffer.concat([content, Buffer.from("x")]), 1);
    assert.equal(other.verdict.error, "eds.unreadable");
    assert.equal(other.valid, false);
    const ms = ({ min, median }) => `fastest ${min.toFixed(2)} ms, median ${median.toFixed(2)} ms`;
    const line =
      `EDS in the submit worker (Chromium), one GOST 2015-512 signature, 30 runs each: ` +
      `the widget's read + check (parse, digest, signature) ${ms(result.signer)}; ` +
      `full verification with the chain (2 certificates up to the test root) and the CRL ${ms(result.full)}`;
    console.log(line);
    writeFileSync(join(ARTIFACTS, "eds-bench.txt"), `${line}\n`);
    } finally {
      await context.close();
    }
  });
});
