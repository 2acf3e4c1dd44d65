/**
 * `eng5 run attach` on sandbox runs and on run folders another process owns: the sandbox ran CJ
 * in the process that ended, so attach says so (exit 2, with the seed to rehearse again) instead
 * of following a real Kafka; a finished run is reported and left untouched; a folder whose lock
 * names a live process is refused, a lock left by a dead one is taken over.
 */
import { spawnSync } from "node:child_process"
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { runCli } from "../support/cli.js"
import { isolatedEnv, startCli } from "../support/cliProcess.js"

const REPO_ROOT = new URL("../..", import.meta.url).pathname
const LOCK = ".eng5.lock"
const outDir = () => mkdtempSync(join(tmpdir(), "eng5-attach-sandbox-"))
const sandboxArgs = (out: string, ...extra: string[]) => ["run", "execute", "--sandbox", "--assets", join(REPO_ROOT, "examples/eng5"), "--await-completion", "--output-dir", out, ...extra]
/** Kafka that nothing listens on: a sandbox attach that tried to follow it would hang or fail with exit 1. */
const env = { KAFKA_BOOTSTRAP_SERVERS: "127.0.0.1:1" }

const runFolderOf = (out: string): string => {
  const [folder] = readdirSync(out).filter((name) => name.startsWith("eng5-np-local-batch-"))
  if (folder === undefined) throw new Error(`no run folder in ${out}`)
  return join(out, folder)
}

/** Every file of the folder with its bytes and mtime: what "left as it is" means. */
const snapshot = (folder: string): Record<string, string> => {
  const files: Record<string, string> = {}
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else files[path] = `${statSync(path).mtimeMs}:${readFileSync(path, "utf8")}`
    }
  }
  walk(folder)
  return files
}

const deadPid = (): number => {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" })
  return Number(child.stdout)
}

describe("eng5 run attach on sandbox runs and owned run folders", () => {
  it("reports a finished sandbox run and changes nothing in its folder", () => {
    const out = outDir()
    expect(runCli([...sandboxArgs(out, "--seed", "5"), "--json"]).code).toBe(0)
    const folder = runFolderOf(out)
    const before = snapshot(folder)
    const attached = runCli(["run", "attach", folder], { env })
    expect(attached.code).toBe(2)
    expect(attached.stderr).toContain("has already ended (completed)")
    expect(attached.stderr).toContain(`eng5 report html ${folder}`)
    const byLabel = runCli(["run", "attach", "eng5-np-local-batch", "--output-dir", out], { env })
    expect(byLabel.code).toBe(2)
    expect(byLabel.stderr).toContain("has already ended (completed)")
    expect(snapshot(folder)).toEqual(before)
  })

  it("refuses an unfinished sandbox run with exit 2 and the seed to rehearse again; execute never suggested attach", () => {
    const out = outDir()
    const run = runCli([...sandboxArgs(out, "--seed", "7", "--sandbox-drop-result", "--result-grace", "1"), "--json"])
    expect(run.code).toBe(4)
    const report = JSON.parse(run.stdout)
    expect(report.attachCommand).toBeNull()
    const folder = runFolderOf(out)
    expect(report.error.fix).toContain("--seed 7")
    expect(report.error.fix).not.toContain(`eng5 run attach ${folder}`)
    const before = snapshot(folder)
    const started = Date.now()
    const attached = runCli(["run", "attach", folder, "--json"], { env })
    expect(Date.now() - started).toBeLessThan(20_000)
    expect(attached.code).toBe(2)
    const { error } = JSON.parse(attached.stdout)
    expect(error.tag).toBe("RunFolderUnusable")
    expect(error.message).toContain("sandbox")
    expect(error.fix).toContain("--seed 7")
    expect(snapshot(folder)).toEqual(before)
  })

  it("after Ctrl-C of a sandbox run, says to rehearse again with the seed instead of suggesting attach", async () => {
    const out = outDir()
    const cli = startCli([...sandboxArgs(out, "--seed", "9"), "--json"], isolatedEnv())
    const deadline = Date.now() + 30_000
    const started = () => readdirSync(out).some((name) => name.startsWith("eng5-np-local-batch-") && existsSync(join(out, name, "events", "comparisons.jsonl")))
    while (Date.now() < deadline && !started()) await new Promise((r) => setTimeout(r, 20))
    cli.child.kill("SIGINT")
    const result = await cli.done
    expect(result.code).toBe(130)
    // The whole report, as every run prints it, its error saying how to go on.
    const report = JSON.parse(result.stdout)
    expect(report.outcome).toBe("interrupted")
    expect(report.error).toMatchObject({ tag: "RunInterrupted", exitCode: 130 })
    expect(report.error.fix).toContain("--seed 9")
    expect(report.attachCommand).toBeNull()
    expect(result.stdout).not.toContain(`eng5 run attach ${runFolderOf(out)}`)
  }, 60_000)

  it("refuses a run folder owned by a live process, naming its PID, and takes over a lock its dead owner left", () => {
    const out = outDir()
    expect(runCli([...sandboxArgs(out), "--json"]).code).toBe(0)
    const folder = runFolderOf(out)
    expect(existsSync(join(folder, LOCK))).toBe(false)

    // A lock as eng5 takes it: a directory whose one entry names the owner's PID.
    const owner = `${process.pid}-${Date.now()}-0123456789abcdef`
    mkdirSync(join(folder, LOCK))
    writeFileSync(join(folder, LOCK, owner), "")
    const busy = runCli(["run", "attach", folder, "--json"], { env })
    expect(busy.code).toBe(2)
    const { error } = JSON.parse(busy.stdout)
    expect(error.tag).toBe("RunFolderBusy")
    expect(error.message).toContain(`PID ${process.pid}`)
    expect(readdirSync(join(folder, LOCK))).toEqual([owner])

    rmSync(join(folder, LOCK), { recursive: true })
    mkdirSync(join(folder, LOCK))
    writeFileSync(join(folder, LOCK, `${deadPid()}-${Date.now()}-0123456789abcdef`), "")
    const taken = runCli(["run", "attach", folder, "--json"], { env })
    expect(JSON.parse(taken.stdout).error.tag).toBe("RunAlreadyFinished")
    expect(existsSync(join(folder, LOCK))).toBe(false)
  })
})
