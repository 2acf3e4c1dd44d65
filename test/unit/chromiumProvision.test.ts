/**
 * Where Chromium is missing and cannot be installed, the browser test fails with one line naming
 * the command to run (the install itself is exercised by the HTML report test on a fresh machine).
 */
import { execFileSync } from "node:child_process"
import { chmodSync, copyFileSync, mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { ensureChromium } from "../support/chromium.js"

const hasRunuser = (): boolean => {
  try {
    execFileSync("sh", ["-c", "command -v runuser"], { stdio: "ignore" })
    return true
  } catch {
    return false
  }
}

describe("Chromium for the browser test", () => {
  it("an unusable CHROMIUM_PATH fails with one line naming the command to run", async () => {
    await expect(ensureChromium({ ...process.env, CHROMIUM_PATH: "/no/such/chromium" })).rejects.toThrow(
      /^Chromium is needed by the HTML report test: CHROMIUM_PATH=\/no\/such\/chromium is not an executable file\. Run: apt-get install -y chromium/
    )
  })

  it("without root to install it, the failure is one line naming apt-get install -y chromium", () => {
    const { CHROMIUM_PATH: _unset, ...env } = process.env
    const asUser = process.getuid?.() === 0 && hasRunuser() ? ["runuser", "-u", "nobody", "--"] : []
    // A copy in a temp dir: the checkout may sit where the unprivileged user cannot read.
    const dir = mkdtempSync(join(tmpdir(), "eng5-chromium-"))
    chmodSync(dir, 0o755)
    const script = join(dir, "ensure.sh")
    copyFileSync(new URL("../../scripts/chromium/ensure.sh", import.meta.url), script)
    chmodSync(script, 0o755)
    let stderr = ""
    try {
      execFileSync(asUser[0] ?? "env", [...asUser.slice(1), ...(asUser.length > 0 ? ["env"] : []), "CHROMIUM_COMMAND=eng5-no-such-browser", "bash", script], { env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] })
    } catch (error) {
      stderr = String(Reflect.get(Object(error), "stderr") ?? "")
    }
    expect(stderr.trim().split("\n")).toEqual([expect.stringContaining("Run: apt-get install -y chromium (as root)")])
  })
})
