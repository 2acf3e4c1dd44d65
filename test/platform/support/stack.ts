/**
 * The platform's own scripts (`../shared/platform/up.sh`, `seed.sh`, `down.sh`), run as a user
 * runs them. `ENG5_PLATFORM_DIR` names another copy of the scripts; `ENG5_PLATFORM_STATE_DIR`
 * where the stack keeps its data, venv and PIDs (default `.cache/platform`, so the venv built on
 * the first run is reused).
 */
import { execFile } from "node:child_process"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url))
export const PLATFORM_DIR = process.env["ENG5_PLATFORM_DIR"] ?? join(REPO_ROOT, "..", "shared", "platform")
export const STATE_DIR = process.env["ENG5_PLATFORM_STATE_DIR"] ?? join(REPO_ROOT, ".cache", "platform")
const CJ_HEALTH = `http://127.0.0.1:${process.env["CJ_PORT"] ?? "9095"}/healthz`

/**
 * CJ's batch monitor finishes a batch whose comparisons never reach its completion target; every
 * minute instead of every five keeps such a batch within a test's patience.
 */
const CJ_EXTRA_ENV = "CJ_ASSESSMENT_SERVICE_BATCH_MONITOR_INTERVAL_MINUTES=1"

interface ScriptRun {
  readonly stdout: string
  readonly stderr: string
}

export const runScript = (script: string, args: ReadonlyArray<string>, env: Readonly<Record<string, string>> = {}, timeoutMs = 15 * 60_000): Promise<ScriptRun> =>
  new Promise((resolve, reject) => {
    execFile(
      "bash",
      [join(PLATFORM_DIR, script), ...args],
      { env: { ...process.env, STATE_DIR, ...env }, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => (error ? reject(new Error(`${script} failed: ${error.message}\n${stderr.slice(-4000)}`)) : resolve({ stdout, stderr }))
    )
  })

/** `export A=1 B=2` lines, as up.sh prints them and keeps them in env.sh. */
export const parseExports = (text: string): Record<string, string> => {
  const env: Record<string, string> = {}
  for (const line of text.split("\n")) {
    if (!line.startsWith("export ")) continue
    for (const pair of line.slice("export ".length).trim().split(/\s+/u)) {
      const at = pair.indexOf("=")
      if (at > 0) env[pair.slice(0, at)] = pair.slice(at + 1)
    }
  }
  return env
}

export const platformAnswers = async (): Promise<boolean> => {
  try {
    return (await fetch(CJ_HEALTH, { signal: AbortSignal.timeout(2_000) })).ok
  } catch {
    return false
  }
}

export const readStackEnv = (): Record<string, string> => parseExports(readFileSync(join(STATE_DIR, "env.sh"), "utf8"))

export const startStack = async (settings: Readonly<Record<string, string>> = {}): Promise<Record<string, string>> => {
  const { stdout } = await runScript("up.sh", [], { CJ_EXTRA_ENV, ...settings })
  return parseExports(stdout)
}

export const stopStack = async (): Promise<void> => {
  await runScript("down.sh", [])
}

/** Creates an assignment (instructions, prompt, the dataset's anchors) and returns its id. */
export const seedAssignment = async (assets: string, settings: Readonly<Record<string, string>> = {}): Promise<string> => {
  const { stdout } = await runScript("seed.sh", [assets], settings, 5 * 60_000)
  const id = stdout.trim().split("\n").at(-1) ?? ""
  if (!/^[0-9a-f-]{36}$/u.test(id)) throw new Error(`seed.sh printed no assignment id: ${stdout}`)
  return id
}

/** PID of a service up.sh recorded. */
const recordedPid = (name: string): number | undefined => {
  const line = readFileSync(join(STATE_DIR, "pids"), "utf8")
    .split("\n")
    .findLast((l) => l.startsWith(`${name} `))
  return line === undefined ? undefined : Number(line.split(" ")[1])
}

const waitForExit = async (pid: number): Promise<void> => {
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0)
    } catch {
      return
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  process.kill(pid, "SIGKILL")
}

/**
 * Restarts the mock LLM provider with other settings (`MOCK_MODE`, `MOCK_ERROR_RATE`; the default
 * batch mode never fails a comparison). up.sh starts only what is not running, so stopping the one
 * service and calling it again swaps just that.
 */
export const restartLlmProvider = async (settings: Readonly<Record<string, string>>): Promise<void> => {
  const pid = recordedPid("llm_provider_service")
  if (pid !== undefined) {
    try {
      process.kill(pid, "SIGTERM")
      await waitForExit(pid)
    } catch {
      // already gone
    }
  }
  await startStack(settings)
}
