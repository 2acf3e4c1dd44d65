/**
 * Where Chromium is missing and cannot be installed, the browser test fails with one line naming
 * the command to run (the install itself is exercised by the HTML report test on a fresh machine).
 * The script runs with a fake `id` and `apt-get` first on PATH: whoever runs the tests, nothing is
 * installed and both sides of the root check are taken.
 */
import { execFileSync } from "node:child_process"
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { ensureChromium } from "../support/chromium.js"

const INSTALL = "Run: apt-get install -y chromium (as root), or set CHROMIUM_PATH to a Chromium binary"

/** ensure.sh copied into a checkout of its own (its lock and log go under the checkout's .cache), run as the user `uid` says. */
const runEnsure = (uid: number) => {
  const checkout = mkdtempSync(join(tmpdir(), "eng5-chromium-"))
  const script = join(checkout, "scripts", "chromium", "ensure.sh")
  mkdirSync(join(checkout, "scripts", "chromium"), { recursive: true })
  copyFileSync(new URL("../../scripts/chromium/ensure.sh", import.meta.url), script)
  const bin = join(checkout, "bin")
  mkdirSync(bin)
  const aptGetCalls = join(checkout, "apt-get.calls")
  writeFileSync(join(bin, "id"), `#!/bin/sh\necho ${uid}\n`)
  writeFileSync(join(bin, "apt-get"), `#!/bin/sh\necho "$*" >> "${aptGetCalls}"\nexit 100\n`)
  for (const fake of ["id", "apt-get"]) chmodSync(join(bin, fake), 0o755)
  const { CHROMIUM_PATH: _unset, ...env } = process.env
  let stderr = ""
  try {
    execFileSync("bash", [script], { env: { ...env, PATH: `${bin}:${env.PATH ?? "/usr/bin:/bin"}`, CHROMIUM_COMMAND: "eng5-no-such-browser" }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] })
  } catch (error) {
    stderr = String(Reflect.get(Object(error), "stderr") ?? "")
  }
  return { checkout, lines: stderr.trim().split("\n"), aptGet: existsSync(aptGetCalls) ? readFileSync(aptGetCalls, "utf8").trim().split("\n") : [] }
}

describe("Chromium for the browser test", () => {
  it("an unusable CHROMIUM_PATH fails with one line naming the command to run", async () => {
    await expect(ensureChromium({ ...process.env, CHROMIUM_PATH: "/no/such/chromium" })).rejects.toThrow(
      /^Chromium is needed by the HTML report test: CHROMIUM_PATH=\/no\/such\/chromium is not an executable file\. Run: apt-get install -y chromium/
    )
  })

  it("without root to install it, the failure is one line saying only root can install it, and apt-get is never run", () => {
    const { lines, aptGet } = runEnsure(1000)
    expect(lines).toEqual([`Chromium is needed by the HTML report test: eng5-no-such-browser is not installed and only root can install it. ${INSTALL}`])
    expect(aptGet).toEqual([])
  })

  it("as root, an install apt-get refuses ends in one line pointing at apt-get's output", () => {
    const { checkout, lines, aptGet } = runEnsure(0)
    expect(aptGet).toEqual(["update"])
    expect(lines.at(-1)).toBe(`Chromium is needed by the HTML report test: apt-get could not install it (its output is in ${join(checkout, ".cache", "chromium-install.log")}). ${INSTALL}`)
  })
})
