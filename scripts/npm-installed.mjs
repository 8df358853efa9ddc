// Exit 0 when the folder's node_modules holds exactly the versions its package-lock.json names
// (for every package in the lock), 1 otherwise. Lets scripts/setup.sh skip `npm ci`.
// Usage: node scripts/npm-installed.mjs <folder with package.json and package-lock.json>
import { readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2] ?? ".";
const read = (p) => JSON.parse(readFileSync(join(dir, p), "utf8"));
try {
  const lock = read("package-lock.json");
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    if (path === "" || entry.link || entry.optional) continue;
    if (read(join(path, "package.json")).version !== entry.version) process.exit(1);
  }
  process.exit(0);
} catch {
  process.exit(1);
}
