import { type ChildProcess, spawn } from "node:child_process"
import { existsSync, mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

const BIN = fileURLToPath(new URL("../../bin/run.js", import.meta.url))

export interface CliOutcome {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

export interface RunningCli {
  readonly child: ChildProcess
  readonly done: Promise<CliOutcome>
  /** What the process has printed so far. */
  readonly output: () => { readonly stdout: string; readonly stderr: string }
}

/** Variables that would let the developer's own setup leak into a test run. */
const SCRUBBED = [
  "HULEEDU_SERVICE_ACCOUNT_TOKEN",
  "HULEEDU_ADMIN_TOKEN",
  "JWT_SECRET_KEY",
  "JWT_ALGORITHM",
  "JWT_ISSUER",
  "JWT_AUDIENCE",
  "ENVIRONMENT",
  "HULEEDU_ENVIRONMENT",
  "CJ_SERVICE_URL",
  "CONTENT_SERVICE_URL",
  "KAFKA_BOOTSTRAP_SERVERS",
  "ENG5_ASSETS",
  "ENG5_OUTPUT_DIR",
  "ENG5_ANCHOR_DIR_OVERRIDE"
]

/** The test process's environment without eng5's configuration and secrets, plus `overrides`. */
export const isolatedEnv = (overrides: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" }
  for (const name of SCRUBBED) delete env[name]
  return { ...env, ...overrides }
}

/**
 * Starts the built CLI as a child process without blocking this process's event loop, so the
 * fake services a test runs on loopback can answer it (needs `npm run build`). The working
 * directory is a fresh temp dir unless given, so no developer `.env` is read.
 */
export const startCli = (args: ReadonlyArray<string>, env: NodeJS.ProcessEnv = isolatedEnv(), cwd?: string): RunningCli => {
  if (!existsSync(new URL("../../dist/commands", import.meta.url))) throw new Error("dist/ is missing: run `npm run build` first")
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: cwd ?? mkdtempSync(join(tmpdir(), "eng5-cwd-")),
    env,
    stdio: ["ignore", "pipe", "pipe"]
  })
  let stdout = ""
  let stderr = ""
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")))
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")))
  const done = new Promise<CliOutcome>((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })))
  return { child, done, output: () => ({ stdout, stderr }) }
}
