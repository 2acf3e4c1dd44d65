/**
 * Headless Chromium for the tests that open a report in a browser. `scripts/chromium/ensure.sh`
 * finds it, or installs Debian's `chromium` with apt-get when run as root (as PostgreSQL is
 * provisioned); where it can do neither, the test fails with the script's one line naming the
 * command to run. Nothing is skipped.
 */
import { execFile } from "node:child_process"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

const SCRIPT = join(fileURLToPath(new URL("../../", import.meta.url)), "scripts", "chromium", "ensure.sh")
/** A first install downloads the browser and its libraries. */
export const CHROMIUM_INSTALL_TIMEOUT_MS = 10 * 60_000

/** The path of a Chromium binary; rejects with one line that says what to run when there is none. */
export const ensureChromium = (env: NodeJS.ProcessEnv = process.env): Promise<string> =>
  new Promise((resolve, reject) => {
    execFile("bash", [SCRIPT], { env, encoding: "utf8", timeout: CHROMIUM_INSTALL_TIMEOUT_MS }, (error, stdout, stderr) => {
      if (error) reject(new Error(stderr.trim().split("\n").at(-1) || `scripts/chromium/ensure.sh failed (${error.message})`))
      else resolve(stdout.trim())
    })
  })
