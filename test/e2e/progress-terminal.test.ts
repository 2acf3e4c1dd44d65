/**
 * Progress is written to stderr, so its animation and colour follow whether stderr is a terminal,
 * whatever stdout is. `script` gives the CLI a pseudo-terminal, as an operator's shell would.
 */
import { execFileSync } from "node:child_process"
import { mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { isolatedEnv } from "../support/cliProcess.js"

const BIN = fileURLToPath(new URL("../../bin/run.js", import.meta.url))
const ASSETS = fileURLToPath(new URL("../../examples/eng5", import.meta.url))
const ESCAPE = "\u001b["
const quote = (text: string): string => `'${text.replaceAll("'", "'\\''")}'`

/** Runs `eng5 run plan` (or `args`) on a terminal with the given redirection; returns what reached the terminal. */
const onTerminal = (redirect: string, cwd: string, args = `run plan --assets ${quote(ASSETS)}`, terminalType = "xterm-256color", columns = 200): string => {
  const command = `${quote(process.execPath)} ${quote(BIN)} ${args} ${redirect}`
  const terminal = join(cwd, "terminal.log")
  const { NO_COLOR: _noColor, ...env } = isolatedEnv()
  try {
    execFileSync("script", ["-qec", `stty cols ${columns}; ${command}`, terminal], { cwd, env: { ...env, TERM: terminalType }, stdio: "ignore" })
  } catch {
    // a failing command is the point of some tests: what it printed is in the log
  }
  return readFileSync(terminal, "utf8")
}

describe("progress on stderr", () => {
  it("animates on a terminal stderr while stdout goes to a file, and the file holds only the result", () => {
    const cwd = mkdtempSync(join(tmpdir(), "eng5-tty-"))
    const terminal = onTerminal(`> ${quote(join(cwd, "out.txt"))}`, cwd)
    expect(terminal).toContain(ESCAPE)
    const result = readFileSync(join(cwd, "out.txt"), "utf8")
    expect(result).toContain("Batch")
    expect(result).not.toContain(ESCAPE)
  })

  it("writes plain lines without colour codes when stderr goes to a file while stdout is a terminal", () => {
    const cwd = mkdtempSync(join(tmpdir(), "eng5-tty-"))
    onTerminal(`2> ${quote(join(cwd, "err.txt"))}`, cwd)
    const progress = readFileSync(join(cwd, "err.txt"), "utf8")
    expect(progress).toContain("✔ Read essays")
    expect(progress).not.toContain("\u001b")
  })

  it("keeps a failed step's title on a terminal and marks it failed", () => {
    const cwd = mkdtempSync(join(tmpdir(), "eng5-tty-"))
    const title = "Check assignment 0a0a0a0a-0b0b-4c0c-8d0d-0e0e0e0e0e0e with CJ"
    const terminal = onTerminal("", cwd, `run execute --assets ${quote(ASSETS)} --assignment-id 0a0a0a0a-0b0b-4c0c-8d0d-0e0e0e0e0e0e --cj-service-url http://127.0.0.1:1 --output-dir ${quote(join(cwd, "out"))}`)
    // eslint-disable-next-line no-control-regex
    const lines = terminal.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "").split(/\r?\n|\r/)
    expect(lines.filter((line) => line.includes("✖")).at(0)).toContain(`✖ ${title}`)
    expect(terminal).not.toContain("see below")
  })

  it("turns animation and colour off on TERM=dumb: plain lines, no escape codes", () => {
    const cwd = mkdtempSync(join(tmpdir(), "eng5-tty-"))
    const terminal = onTerminal("", cwd, undefined, "dumb")
    expect(terminal).toContain("✔ Read essays")
    expect(terminal).not.toContain("\u001b")
  })

  it("writes whole plain lines on a terminal that reports 0 columns, not one character per line", () => {
    const cwd = mkdtempSync(join(tmpdir(), "eng5-tty-"))
    const terminal = onTerminal("", cwd, undefined, "xterm-256color", 0)
    const lines = terminal.split(/\r?\n|\r/)
    expect(lines.some((line) => line.includes("✔ Read essays"))).toBe(true)
    expect(terminal).not.toContain(ESCAPE)
  })
})
