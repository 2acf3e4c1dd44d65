/**
 * docs/runbook.md, run as written: every command of its `sh` blocks, in order, in one shell, with
 * `eng5` on PATH and the platform's environment, against the platform's own services. A command
 * must exit 0 unless the runbook marks it `# exit N`.
 */
import { execFileSync } from "node:child_process"
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, inject, it } from "vitest"
import { isolatedEnv } from "../support/cliProcess.js"
import { workDir } from "./support/cli.js"
import { seedAssignment } from "./support/stack.js"

const RUNBOOK = fileURLToPath(new URL("../../docs/runbook.md", import.meta.url))
const BIN = fileURLToPath(new URL("../../bin/run.js", import.meta.url))
const EXAMPLE = fileURLToPath(new URL("../../examples/eng5", import.meta.url))

interface RunbookCommand {
  readonly line: string
  readonly exit: number
}

/** The commands of the runbook's sh blocks, each with the exit code it documents (0 unless `# exit N`). */
const runbookCommands = (markdown: string): RunbookCommand[] =>
  [...markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gmu)]
    .flatMap((block) => (block[1] ?? "").split("\n"))
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => {
      const marked = /\s+#\s*exit (\d+)$/u.exec(line)
      return { line: marked === null ? line : line.slice(0, marked.index), exit: marked === null ? 0 : Number(marked[1]) }
    })

const quote = (text: string): string => `'${text.replaceAll("'", "'\\''")}'`

const scriptOf = (commands: ReadonlyArray<RunbookCommand>): string =>
  commands
    .map(({ line, exit }) => [`echo ${quote(`$ ${line}`)}`, line, `code=$?; [ "$code" -eq ${exit} ] || { echo ${quote(`runbook: '${line}' exited`)} "$code, expected ${exit}" >&2; exit 1; }`].join("\n"))
    .join("\n")

describe("the operator's runbook", () => {
  it("lists the commands of a real batch, from doctor to reports", () => {
    const lines = runbookCommands(readFileSync(RUNBOOK, "utf8")).map((c) => c.line)
    for (const step of ["eng5 doctor", "eng5 run plan", "eng5 run dry-run", "eng5 run execute", "eng5 run attach", "jq -e", "eng5 report html"]) expect(lines.some((l) => l.startsWith(step))).toBe(true)
  })

  it("runs as written against the platform", async () => {
    const cwd = workDir()
    const bin = join(cwd, "bin")
    mkdirSync(bin)
    writeFileSync(join(bin, "eng5"), `#!/bin/sh\nexec ${quote(process.execPath)} ${quote(BIN)} "$@"\n`)
    chmodSync(join(bin, "eng5"), 0o755)
    const assignment = await seedAssignment(EXAMPLE)
    const env = isolatedEnv({ ...inject("platformEnv"), ASSETS: EXAMPLE, ASSIGNMENT: assignment, PATH: `${bin}:${process.env["PATH"] ?? ""}` })
    const script = scriptOf(runbookCommands(readFileSync(RUNBOOK, "utf8")))
    let transcript = ""
    try {
      transcript = execFileSync("bash", ["-c", script], { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 10 * 60_000, maxBuffer: 64 * 1024 * 1024 })
    } catch (error) {
      const failed = error as { stdout?: string; stderr?: string }
      throw new Error(`the runbook failed:\n${(failed.stdout ?? "").slice(-4000)}\n${(failed.stderr ?? "").slice(-4000)}`, { cause: error })
    }
    expect(transcript).toContain("$ eng5 report html")
    expect(transcript).toMatch(/^true$/mu)
  })
})
