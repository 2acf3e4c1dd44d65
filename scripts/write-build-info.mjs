// Records the commit eng5 was built from, so artefacts name it without needing git at run time.
import { execFileSync } from "node:child_process"
import { mkdirSync, writeFileSync } from "node:fs"

let gitSha = "0000000"
try {
  gitSha = execFileSync("git", ["rev-parse", "HEAD"], { stdio: ["ignore", "pipe", "ignore"] }).toString().trim()
} catch {
  // Not a git checkout (e.g. a packed tarball): keep the documented placeholder.
}
mkdirSync("dist", { recursive: true })
writeFileSync("dist/build-info.json", `${JSON.stringify({ gitSha }, null, 2)}\n`)
