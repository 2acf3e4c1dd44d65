import { mkdtempSync, readdirSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { REPO_ROOT, runCli } from "../support/cli.js"

const emptyDir = () => mkdtempSync(join(tmpdir(), "eng5-usage-"))
const ERROR_KEYS = ["exitCode", "fix", "message", "tag"]

describe("usage errors are short: the error, what was meant, where the help is; exit 2", () => {
  it("a misspelled flag suggests the flag meant, without the command's help", () => {
    const result = runCli(["run", "execute", "--asset", "x"])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("--asset")
    expect(result.stderr).toContain("Did you mean --assets?")
    expect(result.stderr).toContain("eng5 run execute --help")
    expect(result.stderr).not.toContain("USAGE")
    expect(result.stderr.trim().split("\n").length).toBeLessThanOrEqual(3)
  })

  it("a misspelled command suggests the command meant, also when not on a terminal", () => {
    const result = runCli(["run", "exeucte", "--assets", "x"])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("Did you mean `eng5 run execute`?")
    expect(result.stderr).toContain("eng5 run --help")
  })

  it("a missing required flag names it", () => {
    const result = runCli(["run", "plan"])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("--assets")
    expect(result.stderr.trim().split("\n").length).toBeLessThanOrEqual(3)
  })

  it("with --json a flag error is the documented error object, nothing else", () => {
    const result = runCli(["run", "execute", "--asset", "x", "--json"])
    expect(result.code).toBe(2)
    expect(result.stdout.length).toBeLessThan(1000)
    const { error } = JSON.parse(result.stdout)
    expect(Object.keys(error).sort()).toEqual(ERROR_KEYS)
    expect(error).toMatchObject({ tag: "UnknownFlag", exitCode: 2, fix: expect.stringContaining("--assets") })
  })

  it("with --json an unknown command and a failed check print the same shape", () => {
    for (const args of [["run", "exeucte", "--json"], ["run", "plan", "--assets", "/nonexistent", "--json"], ["run", "execute", "--sandbox", "--assets", "/nonexistent", "--json"]]) {
      const result = runCli(args)
      expect(result.code).toBe(2)
      expect(Object.keys(JSON.parse(result.stdout).error).sort()).toEqual(ERROR_KEYS)
    }
  })

  it("refuses --sandbox with --post-run db-extract before anything runs", () => {
    const out = emptyDir()
    for (const flags of [["--post-run", "db-extract"], ["--auto-extract-eng5-db"]]) {
      const result = runCli(["run", "execute", "--sandbox", "--assets", "examples/eng5", "--await-completion", "--output-dir", out, ...flags])
      expect(result.code).toBe(2)
      expect(result.stderr).toContain("--post-run db-extract")
      expect(result.stderr).toMatch(/→ Drop --post-run db-extract/)
    }
    expect(readdirSync(out)).toEqual([])
  })
})

const plan = (...flags: string[]) => ["run", "plan", "--assets", "examples/eng5", ...flags]
const sandbox = (...flags: string[]) => ["run", "execute", "--sandbox", "--assets", "examples/eng5", "--output-dir", emptyDir(), ...flags]

describe("a flag value that cannot be parsed is a usage error naming the flag and the fix (exit 2)", () => {
  const cases: ReadonlyArray<readonly [string, ReadonlyArray<string>, string]> = [
    ["integer", plan("--max-comparisons", "abc"), "--max-comparisons"],
    ["integer out of range", plan("--max-comparisons", "1"), "--max-comparisons"],
    ["integer, sandbox", sandbox("--seed", "abc"), "--seed"],
    ["decimal where a whole number is wanted", plan("--max-file-mb", "1.5"), "--max-file-mb"],
    ["float", sandbox("--max-cost-usd", "abc"), "--max-cost-usd"],
    ["seconds", sandbox("--completion-timeout", "soon"), "--completion-timeout"],
    ["enum", plan("--course-code", "XX"), "--course-code"],
    ["path", plan("--system-prompt", "/no/such/prompt.txt"), "--system-prompt"],
    ["oclif's own integer flag", ["experiment", "run", "experiment.yaml", "--parallel", "abc"], "--parallel"]
  ]

  it.each(cases)("%s: text names the flag and a fix", (_kind, args, flag) => {
    const result = runCli(args)
    expect(result.code).toBe(2)
    const [message, fix] = result.stderr.trim().split("\n")
    expect(message).toContain(flag)
    expect(message).not.toContain("bug in eng5")
    expect(fix).toMatch(/^ {2}→ \S/)
  })

  it.each(cases)("%s: --json is the documented error object", (_kind, args, flag) => {
    const result = runCli([...args, "--json"])
    expect(result.code).toBe(2)
    const { error } = JSON.parse(result.stdout)
    expect(Object.keys(error).sort()).toEqual(ERROR_KEYS)
    expect(error).toMatchObject({ tag: "InvalidFlag", exitCode: 2, message: expect.stringContaining(flag) })
  })
})

describe("help and version", () => {
  it("-h is --help, at the root and on a command", () => {
    const root = runCli(["-h"])
    expect(root.code).toBe(0)
    expect(root.stdout).toContain("TOPICS")
    const command = runCli(["run", "plan", "-h"])
    expect(command.code).toBe(0)
    expect(command.stdout).toContain("--assets")
  })

  it("eng5 version prints the version and the commit it was built from", () => {
    const { gitSha } = JSON.parse(readFileSync(join(REPO_ROOT, "dist", "build-info.json"), "utf8"))
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8"))
    const human = runCli(["version"])
    expect(human.code).toBe(0)
    expect(human.stdout).toContain(`eng5 ${version} (${gitSha})`)
    expect(JSON.parse(runCli(["version", "--json"]).stdout)).toMatchObject({ version, gitSha })
  })

  it("eng5 models lists what --llm-model accepts, and the flag's help points there", () => {
    const models = runCli(["models", "--provider", "anthropic", "--json"])
    expect(models.code).toBe(0)
    expect(JSON.parse(models.stdout)).toContainEqual(expect.objectContaining({ provider: "anthropic", modelId: "claude-haiku-4-5-20251001" }))
    expect(runCli(["run", "plan", "--help"]).stdout.replace(/\s+/g, " ")).toContain("`eng5 models` lists them")
  })

  it("every command that talks to CJ has the same default URL", () => {
    for (const command of [["run", "plan"], ["run", "execute"], ["doctor"], ["auth", "verify"], ["assignment", "list"]]) {
      const help = runCli([...command, "--help"]).stdout.replace(/\s+/g, " ")
      expect(help).toMatch(/--cj-service-url=<value> \[default: http:\/\/localhost:9095[,\]]/)
    }
  })
})
