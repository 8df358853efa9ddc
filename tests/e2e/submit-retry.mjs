// The outbox's waits between attempts (assets/submit-outbox.js `retryWait`): a 503 or 429 with
// Retry-After is tried again no sooner than the server asks, a long Retry-After leaves the
// bundle in the outbox, a 4xx other than 429 is final. Pure: no browser.
//
//   node --test tests/e2e/submit-retry.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { retryWait } from "../../assets/submit-outbox.js";

test("5xx without Retry-After: the back-off, 1 s then 2 s", () => {
  assert.equal(retryWait(500, null, 1), 1000);
  assert.equal(retryWait(502, null, 2), 2000);
  assert.equal(retryWait(503, "soon", 1), 1000, "an unreadable Retry-After is ignored");
});

test("503 and 429 wait as long as Retry-After asks, never less than the back-off", () => {
  assert.equal(retryWait(503, "5", 1), 5000);
  assert.equal(retryWait(429, "12", 2), 12000);
  assert.equal(retryWait(503, "0", 2), 2000);
  const now = Date.parse("2026-12-04T10:00:00Z");
  assert.equal(retryWait(503, "Fri, 04 Dec 2026 10:00:30 GMT", 1, now), 30000, "an HTTP date");
});

test("a Retry-After past 60 s leaves the bundle in the outbox; other 4xx are final", () => {
  assert.equal(retryWait(503, "120", 1), null);
  assert.equal(retryWait(429, "61", 1), null);
  assert.equal(retryWait(400, "5", 1), null);
  assert.equal(retryWait(413, null, 1), null);
  assert.equal(retryWait(422, null, 1), null);
});
