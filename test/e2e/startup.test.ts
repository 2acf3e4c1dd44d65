/**
 * bin/run.js serves @oclif/core from the bundle the build writes (dist/oclif-core.cjs, see
 * scripts/bundle-oclif-core.mjs) for a faster start-up. What the CLI prints must not change: each
 * command here prints exactly what it prints with the core loaded from its installed files
 * (ENG5_UNBUNDLED_CORE=1, the way bin/run.js worked before the bundle).
 */
import { existsSync, readFileSync } from "node:fs"
import { spawnSync } from "node:child_process"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { REPO_ROOT, runCli } from "../support/cli.js"

const BIN = join(REPO_ROOT, "bin", "run.js")

describe("start-up through the bundled @oclif/core", () => {
  it("is what the build produced and what bin/run.js loads", () => {
    expect(existsSync(join(REPO_ROOT, "dist", "oclif-core.cjs"))).toBe(true)
    // Loaded from its files, the core would put its internal modules (config/config.js, …) in
    // require.cache; from the bundle only the entry points other packages can import are there.
    const probe = [
      `process.argv = [process.execPath, ${JSON.stringify(BIN)}, "--version"]`,
      `await import(${JSON.stringify(BIN)})`,
      'const { createRequire } = await import("node:module")',
      `const cached = Object.keys(createRequire(${JSON.stringify(BIN)}).cache).filter((file) => file.includes("@oclif/core"))`,
      "process.stderr.write(JSON.stringify(cached))"
    ].join("\n")
    const result = spawnSync(process.execPath, ["--input-type=module", "-e", probe], { cwd: REPO_ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } })
    expect(result.status).toBe(0)
    const cached = JSON.parse(result.stderr) as ReadonlyArray<string>
    const core = JSON.parse(readFileSync(join(REPO_ROOT, "node_modules", "@oclif", "core", "package.json"), "utf8")) as { exports: Record<string, string> }
    const entryPoints = Object.values(core.exports).map((target) => join("@oclif", "core", target))
    expect(cached.some((file) => file.endsWith(join("@oclif", "core", "lib", "execute.js")))).toBe(true)
    expect(cached.filter((file) => !entryPoints.some((entry) => file.endsWith(entry)))).toEqual([])
  })

  it.each([[["--version"]], [["--help"]], [["run", "plan", "--help"]], [["run", "plan"]], [["plugins"]]])("eng5 %j prints what it printed before the bundle", (args) => {
    const bundled = runCli(args)
    const unbundled = runCli(args, { env: { ENG5_UNBUNDLED_CORE: "1" } })
    expect(bundled).toEqual(unbundled)
    expect(bundled.stdout.length + bundled.stderr.length).toBeGreaterThan(0)
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
