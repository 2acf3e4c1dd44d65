/**
 * A third-party plugin (examples/plugin-hello-mode, written against eng5/sdk only, not
 * bundled) linked into a fresh oclif data dir with `eng5 plugins link`: its mode runs on the
 * sandbox, and a failing, crashing or hanging hook is recorded while the run still finishes
 * (exit 3, artefact complete). Unlinking removes it. Its mode and hook succeeding is checked on an
 * installed eng5 with the plugin installed from its tarball (test/package/installed.test.ts).
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { artefactSchemaErrors } from "../support/artefactSchema.js"
import { REPO_ROOT } from "../support/cli.js"
import { isolatedEnv, startCli } from "../support/cliProcess.js"

const PLUGIN = join(REPO_ROOT, "examples", "plugin-hello-mode")
const ASSETS = join(REPO_ROOT, "examples", "eng5")
const home = mkdtempSync(join(tmpdir(), "eng5-oclif-"))
/** A fresh oclif data, config and cache dir: nothing from the developer's own plugins. */
const env = (extra: Readonly<Record<string, string>> = {}) =>
  isolatedEnv({
    ENG5_DATA_DIR: join(home, "data"),
    ENG5_CONFIG_DIR: join(home, "config"),
    ENG5_CACHE_DIR: join(home, "cache"),
    NODE_ENV: "production",
    ...extra
  })

const eng5 = (args: ReadonlyArray<string>, extra: Readonly<Record<string, string>> = {}) => startCli(args, env(extra)).done

const helloRun = async (extra: ReadonlyArray<string>, envExtra: Readonly<Record<string, string>> = {}) => {
  const outputDir = mkdtempSync(join(tmpdir(), "eng5-hello-"))
  const outcome = await eng5(["run", "hello", "--sandbox", "--assets", ASSETS, "--output-dir", outputDir, "--await-completion", ...extra], envExtra)
  const folders = readdirSync(outputDir, { withFileTypes: true }).filter((entry) => entry.isDirectory())
  expect(folders).toHaveLength(1)
  const folder = join(outputDir, (folders[0] as { name: string }).name)
  return { ...outcome, folder, artefact: () => JSON.parse(readFileSync(join(folder, "assessment_run.json"), "utf8")) }
}

describe("a third-party plugin linked with eng5 plugins link", () => {
  beforeAll(async () => {
    const linked = await eng5(["plugins", "link", "--no-install", PLUGIN])
    if (linked.code !== 0) throw new Error(`eng5 plugins link failed (${String(linked.code)}): ${linked.stderr}`)
  })

  it("is listed, and its mode appears under `eng5 run`", async () => {
    const listed = await eng5(["plugins"])
    expect(listed.stdout).toContain("eng5-plugin-hello-mode")
    expect(listed.stderr).not.toContain("linked ESM module")
    const json = await eng5(["version", "--json"])
    expect(json.stderr).toBe("")
    const help = await eng5(["run", "--help"])
    expect(help.stdout).toMatch(/run hello/)
    expect(help.stdout).toMatch(/run anchor-align/)
  })

  it.each([
    ["fail", "hello hook failed on purpose"],
    ["throw", "defect: hello hook crashed on purpose"],
    ["hang", "did not finish within 1 s"]
  ])("records a hook that misbehaves (%s), finishes the run and exits 3", async (mode, detail) => {
    const run = await helloRun(["--post-run", "hello", "--post-run-timeout", "1"], { HELLO_HOOK: mode })
    expect(run.code).toBe(3)
    expect(run.stdout).toMatch(/hello\s+failed/)
    expect(run.stdout).toContain(detail)
    const artefact = run.artefact()
    expect(artefactSchemaErrors(artefact)).toEqual([])
    expect(artefact.validation.runner_status.outcome).toBe("completed")
    expect(artefact.bt_summary.length).toBeGreaterThan(0)
    expect(artefact.validation.post_run.hello.status).toBe("failed")
    expect(artefact.validation.post_run.hello.detail).toContain(detail)
  })

  it("fails before anything is published when --post-run names no installed hook, listing the known ones", async () => {
    const outputDir = mkdtempSync(join(tmpdir(), "eng5-hello-"))
    const run = await eng5(["run", "hello", "--sandbox", "--assets", ASSETS, "--output-dir", outputDir, "--post-run", "nope"])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("No post-run hook named nope")
    expect(run.stderr).toContain("hello (write hello.txt into the run folder)")
    expect(run.stderr).toContain("db-extract")
    expect(readdirSync(outputDir)).toEqual([])
  })

  it("is gone after eng5 plugins uninstall", async () => {
    const removed = await eng5(["plugins", "uninstall", "eng5-plugin-hello-mode"])
    expect(removed.code).toBe(0)
    const run = await eng5(["run", "hello", "--help"])
    expect(run.code).not.toBe(0)
    expect((await eng5(["plugins"])).stdout).not.toContain("eng5-plugin-hello-mode")
  })
})
