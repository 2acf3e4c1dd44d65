/**
 * `eng5` on PATH from the checkout, as the README sets it up (`npm link`; here into a private
 * prefix so the machine's global one is left alone), with an older system Node first on PATH,
 * and bash completion through `eng5 autocomplete` (issue 14, item 10).
 */
import { execFileSync } from "node:child_process"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { REPO_ROOT } from "../support/cli.js"
import { isolatedEnv } from "../support/cliProcess.js"

describe("eng5 on PATH", () => {
  const home = mkdtempSync(join(tmpdir(), "eng5-home-"))
  const prefix = join(home, "prefix")
  const env = isolatedEnv({ HOME: home, XDG_CACHE_HOME: join(home, ".cache"), PATH: `${join(prefix, "bin")}:/usr/bin:/bin` })
  const shell = (script: string): string => execFileSync("bash", ["-c", script], { cwd: home, env, encoding: "utf8" })

  beforeAll(() => {
    execFileSync("npm", ["link", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: REPO_ROOT, env: { ...process.env, HOME: home, npm_config_prefix: prefix } })
  }, 120_000)

  it("runs as `eng5` on the Node the repository pins, whatever node comes first on PATH", () => {
    expect(shell("eng5 --version")).toMatch(/^eng5\/\d+\.\d+\.\d+ \S+ node-v2[2-9]\./u)
  })

  it("completes commands in bash once `eng5 autocomplete` is set up", () => {
    const completions = shell('eng5 autocomplete bash >/dev/null 2>&1; eval "$(eng5 autocomplete script bash)"; COMP_WORDS=(eng5 run ex); COMP_CWORD=2; _eng5_autocomplete; echo "${COMPREPLY[@]}"')
    expect(completions.trim()).toBe("execute")
  })
})
