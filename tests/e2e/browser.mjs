// The one way the end-to-end tests and benchmarks start Debian's Chromium (TOOLCHAIN.md): headless,
// no sandbox, no background traffic that would show up as requests. CHROMIUM overrides the path.
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 60_000,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
      // The widget starts in the browser's preferred language: the tests' browser prefers
      // Kazakh (a context's `locale` overrides it).
      "--accept-lang=kk",
    ],
  });
}
