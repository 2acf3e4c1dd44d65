/**
 * eng5 as a user gets it without a checkout: `npm pack` in the repository, `npm i -g` of the
 * tarball into a private prefix (dependencies from the npm cache where it has them), then the
 * installed `eng5` on PATH: version, help, plugins, the bundled example rehearsed on the sandbox,
 * both core plugins, and a third-party plugin installed from its packed file (issue 22).
 * Packs and installs once; every check runs against that one install.
 */
import { spawnSync } from "node:child_process"
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { delimiter, dirname, join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { artefactSchemaErrors } from "../support/artefactSchema.js"
import { REPO_ROOT } from "../support/cli.js"
import { isolatedEnv } from "../support/cliProcess.js"

const work = mkdtempSync(join(tmpdir(), "eng5-installed-"))
const prefix = join(work, "prefix")
const home = join(work, "eng5-home")
const user = join(work, "user") // the working directory of the user who installed eng5
const installedRoot = join(prefix, "lib", "node_modules", "eng5")
/** The Node that runs this test (the pinned one, ≥ 22) first on PATH, as a user's would be. */
const path = [join(prefix, "bin"), dirname(process.execPath), process.env.PATH ?? ""].join(delimiter)

interface Outcome {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

const run = (command: string, args: ReadonlyArray<string>, cwd: string, env: NodeJS.ProcessEnv): Outcome => {
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8", timeout: 180_000 })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

const npm = (args: ReadonlyArray<string>, cwd: string, extra: NodeJS.ProcessEnv = {}): string => {
  const outcome = run("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], cwd, { ...process.env, PATH: path, ...extra })
  if (outcome.code !== 0) throw new Error(`npm ${args.join(" ")} failed (${String(outcome.code)}):\n${outcome.stderr}`)
  return outcome.stdout
}

/** Packs the package in `folder` into `destination` and returns the tarball's path. */
const pack = (folder: string, destination: string): string => {
  mkdirSync(destination, { recursive: true })
  npm(["pack", "--pack-destination", destination], folder)
  const tarball = readdirSync(destination).find((name) => name.endsWith(".tgz"))
  if (tarball === undefined) throw new Error(`npm pack wrote no tarball for ${folder}`)
  return join(destination, tarball)
}

/** A user's shell: none of the variables `npm test` sets for its scripts (npm_config_*, npm_package_*). */
const userShell = (overrides: Readonly<Record<string, string>>): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(isolatedEnv(overrides)).filter(([name]) => !name.startsWith("npm_") || name in overrides))

/** The installed `eng5`, found on PATH, with a private oclif data dir and no eng5 settings. */
const eng5 = (args: ReadonlyArray<string>, extra: Readonly<Record<string, string>> = {}): Outcome =>
  run("eng5", args, user, userShell({ PATH: path, ENG5_DATA_DIR: join(home, "data"), ENG5_CONFIG_DIR: join(home, "config"), ENG5_CACHE_DIR: join(home, "cache"), ...extra }))

const onlyRunFolder = (outputDir: string): string => {
  const folders = readdirSync(outputDir, { withFileTypes: true }).filter((entry) => entry.isDirectory())
  expect(folders).toHaveLength(1)
  return join(outputDir, (folders[0] as { name: string }).name)
}
const manifest = (folder: string) => JSON.parse(readFileSync(join(folder, "package.json"), "utf8"))
const artefactIn = (folder: string) => JSON.parse(readFileSync(join(folder, "assessment_run.json"), "utf8"))

let helloTarball = ""

beforeAll(() => {
  const tarball = pack(REPO_ROOT, join(work, "packed"))
  helloTarball = pack(join(REPO_ROOT, "examples", "plugin-hello-mode"), user)
  npm(["install", "--global", "--prefix", prefix, "--prefer-offline", tarball], work)
}, 600_000)

afterAll(() => rmSync(work, { recursive: true, force: true })) // about 140 MB: eng5 and its dependencies

describe("eng5 installed with npm i -g from its packed tarball", () => {
  it("runs from PATH: --version, --help and plugins, with the two core plugins bundled", () => {
    const version = manifest(REPO_ROOT).version as string
    expect(eng5(["--version"]).stdout).toMatch(new RegExp(`^eng5/${version.replaceAll(".", "\\.")} \\S+ node-v\\d+\\.`))
    const help = eng5(["--help"])
    expect(help.code).toBe(0)
    for (const command of ["example", "run", "plugins", "doctor"]) expect(help.stdout).toMatch(new RegExp(`^  ${command}\\s`, "m"))
    expect(eng5(["run", "--help"]).stdout).toMatch(/run anchor-align/)
    expect(eng5(["plugins"]).stdout).toContain("No plugins installed.")
    const core = eng5(["plugins", "--core"]).stdout
    expect(core).toMatch(/@eng5\/plugin-anchor-align \S+ \(core\)/)
    expect(core).toMatch(/@eng5\/plugin-db-extract \S+ \(core\)/)
  })

  it("keeps pg with the db-extract plugin that needs it, not with eng5", () => {
    expect(Object.keys(manifest(installedRoot).dependencies)).not.toContain("pg")
    expect(Object.keys(manifest(join(installedRoot, "node_modules", "@eng5", "plugin-db-extract")).dependencies)).toContain("pg")
  })

  it("writes the bundled example with `eng5 example` and rehearses it with the one command it prints", () => {
    const written = eng5(["example"])
    expect(written.code).toBe(0)
    const command = written.stdout.split("\n").find((line) => line.trim().startsWith("eng5 "))?.trim()
    expect(command).toBe("eng5 run execute --sandbox --assets eng5-example --await-completion")
    expect(readdirSync(join(user, "eng5-example", "student_essays"))).toHaveLength(24)
    const rehearsal = eng5([...(command ?? "").split(" ").slice(1), "--output-dir", "rehearsal"])
    expect(rehearsal.stderr).not.toContain("✖")
    expect(rehearsal.code).toBe(0)
    const folder = onlyRunFolder(join(user, "rehearsal"))
    expect(artefactSchemaErrors(artefactIn(folder))).toEqual([])
    expect(artefactIn(folder).validation.runner_status.outcome).toBe("completed")
    expect(existsSync(join(folder, "reports", "report.html"))).toBe(true)
    const again = eng5(["example"])
    expect(again.code).toBe(2)
    expect(again.stderr).toContain("the folder is not empty")
  })

  it("runs both core plugins from the install: anchor-align's mode and report, db-extract's hook with pg", () => {
    const examples = join(work, "align-example")
    expect(eng5(["example", examples]).code).toBe(0)
    const align = eng5(["run", "anchor-align", "--sandbox", "--assets", examples, "--output-dir", "align", "--await-completion", "--post-run", "db-extract", "--cj-database-url", "postgresql://eng5@127.0.0.1:9/none"])
    const folder = onlyRunFolder(join(user, "align"))
    expect(existsSync(join(folder, "reports", "anchor_alignment.md"))).toBe(true)
    // No database answers on port 9: the hook ran (pg loaded), failed and was recorded; exit 3.
    expect(align.code).toBe(3)
    expect(artefactIn(folder).validation.post_run["db-extract"]).toMatchObject({ status: "failed" })
  })

  it("installs a packed third-party plugin from its file, sharing the installed eng5's SDK and Effect", () => {
    // An empty npm cache, offline: a peer dependency fetched from the registry would fail the install.
    const installed = eng5(["plugins", "install", `./${helloTarball.slice(user.length + 1)}`], { npm_config_offline: "true", npm_config_cache: join(work, "empty-npm-cache") })
    expect(installed.stderr).not.toMatch(/npm error/)
    expect(installed.code).toBe(0)
    expect(eng5(["plugins"]).stdout).toContain("eng5-plugin-hello-mode")
    const dataModules = join(home, "data", "node_modules")
    expect(realpathSync(join(dataModules, "eng5"))).toBe(realpathSync(installedRoot))
    expect(realpathSync(join(dataModules, "effect"))).toBe(realpathSync(join(installedRoot, "node_modules", "effect")))
    expect(eng5(["run", "--help"]).stdout).toMatch(/run hello/)

    const hello = eng5(["run", "hello", "--sandbox", "--assets", "eng5-example", "--output-dir", "hello", "--await-completion", "--post-run", "hello", "--greeting", "hej"])
    expect(hello.code).toBe(0)
    expect(hello.stderr).toContain("hej: 24 essays for CJ")
    const folder = onlyRunFolder(join(user, "hello"))
    expect(readFileSync(join(folder, "hello.txt"), "utf8")).toMatch(/^hej from batch [0-9a-f-]{36} \(completed\)\n$/)
    const artefact = artefactIn(folder)
    expect(artefact.metadata).toMatchObject({ runner_mode: "execute", mode: "hello" })
    expect(artefact.validation.post_run.hello).toMatchObject({ status: "succeeded", result: { path: join(folder, "hello.txt") } })
  })

  it("removes the plugin's mode and hook with plugins uninstall", () => {
    expect(eng5(["plugins", "uninstall", "eng5-plugin-hello-mode"]).code).toBe(0)
    expect(eng5(["plugins"]).stdout).toContain("No plugins installed.")
    expect(eng5(["run", "--help"]).stdout).not.toMatch(/run hello/)
    const hook = eng5(["run", "execute", "--sandbox", "--assets", "eng5-example", "--output-dir", "gone", "--post-run", "hello"])
    expect(hook.code).toBe(2)
    expect(hook.stderr).toContain("No post-run hook named hello")
  })
})
