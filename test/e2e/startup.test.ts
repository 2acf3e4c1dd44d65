import { spawnSync } from "node:child_process"
import { cpSync, existsSync, mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { REPO_ROOT, runCli } from "../support/cli.js"

const BIN = join(REPO_ROOT, "bin", "run.js")
const REQUIRED_MAJOR = Number(/^>=(\d+)$/.exec((JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { engines: { node: string } }).engines.node)?.[1])

const majorOf = (node: string): number => Number(/^v(\d+)\./.exec(spawnSync(node, ["--version"], { encoding: "utf8" }).stdout)?.[1] ?? Number.NaN)

/**
 * The system Node where it is too old (Debian's is 20), so the launcher is parsed by an old V8;
 * elsewhere the current Node, told by a preload that it is Node 20.
 */
const olderNode = (): ReadonlyArray<string> => {
  const system = "/usr/bin/node"
  if (existsSync(system) && majorOf(system) < REQUIRED_MAJOR) return [system]
  const pretend = 'Object.defineProperty(process, "version", { value: "v20.0.0" }); Object.defineProperty(process, "versions", { value: { ...process.versions, node: "20.0.0" } })'
  return [process.execPath, "--import", `data:text/javascript,${encodeURIComponent(pretend)}`]
}

describe("start-up", () => {
  it("tells a user on a Node older than package.json's engines, with no pinned Node beside eng5, which Node to install, and exits 2", () => {
    expect(REQUIRED_MAJOR).toBe(22)
    // A copy of the launcher away from the checkout's node_modules, as an install without the pinned runtime has it.
    const bin = join(mkdtempSync(join(tmpdir(), "eng5-bin-")), "bin")
    cpSync(join(REPO_ROOT, "bin"), bin, { recursive: true })
    const [node = "", ...flags] = olderNode()
    const result = spawnSync(node, [...flags, join(bin, "run.js"), "--version"], { cwd: REPO_ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } })
    expect(result.status).toBe(2)
    expect(result.stdout).toBe("")
    expect(result.stderr).toMatch(/^eng5 needs Node\.js 22 or newer, but this is Node\.js v20\.\d+\.\d+\./)
    expect(result.stderr).toContain("https://nodejs.org")
    expect(result.stderr).not.toContain("SyntaxError")
  })

  it("runs on the checkout's pinned Node when started by an older one", () => {
    const [node = "", ...flags] = olderNode()
    const result = spawnSync(node, [...flags, BIN, "--version"], { cwd: REPO_ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } })
    expect(result.status).toBe(0)
    expect(result.stdout).toContain(`node-${spawnSync(join(REPO_ROOT, "node_modules", "node", "bin", "node"), ["--version"], { encoding: "utf8" }).stdout.trim()}`)
  })

  it("prints the version line and the help texts", () => {
    expect(runCli(["--version"]).stdout).toMatch(/^eng5\/\d+\.\d+\.\d+ \S+ node-v\d+\.\d+\.\d+\n$/)
    const help = runCli(["--help"])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain("USAGE\n  $ eng5 [COMMAND]")
    expect(help.stdout).toMatch(/TOPICS[\s\S]*run\s+Plan, rehearse, execute and follow CJ experiments/)
    const plan = runCli(["run", "plan", "--help"])
    expect(plan.code).toBe(0)
    expect(plan.stdout).toContain("USAGE\n  $ eng5 run plan --assets <value>")
  })
})
