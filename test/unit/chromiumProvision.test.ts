/**
 * Where Chromium is missing and cannot be installed, the browser test fails with one line naming
 * the command to run (the install itself is exercised by the HTML report test on a fresh machine).
 */
import { execFileSync } from "node:child_process"
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
    const script = new URL("../../scripts/chromium/ensure.sh", import.meta.url).pathname
    let stderr = ""
    try {
      execFileSync(asUser[0] ?? "env", [...asUser.slice(1), ...(asUser.length > 0 ? ["env"] : []), "CHROMIUM_COMMAND=eng5-no-such-browser", "bash", script], { env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] })
    } catch (error) {
      stderr = String(Reflect.get(Object(error), "stderr") ?? "")
    }
    expect(stderr.trim().split("\n")).toEqual([expect.stringContaining("Run: apt-get install -y chromium (as root)")])
  })
})
