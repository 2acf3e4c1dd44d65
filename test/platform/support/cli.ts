import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { inject } from "vitest"
import { type CliOutcome, isolatedEnv, type RunningCli, startCli } from "../../support/cliProcess.js"

/** A fresh working directory for one user session (its run folders land in ./eng5-runs). */
export const workDir = (): string => mkdtempSync(join(tmpdir(), "eng5-platform-"))

/** The built CLI with the platform's environment, as a user who sourced up.sh's output has it. */
export const startEng5 = (args: ReadonlyArray<string>, cwd: string, env: Readonly<Record<string, string>> = {}): RunningCli =>
  startCli(args, isolatedEnv({ ...inject("platformEnv"), ...env }), cwd)

export const eng5 = (args: ReadonlyArray<string>, cwd: string, env: Readonly<Record<string, string>> = {}): Promise<CliOutcome> =>
  startEng5(args, cwd, env).done

const transcript = (outcome: CliOutcome): string => `exit ${outcome.code}\n--- stdout\n${outcome.stdout.slice(-3000)}\n--- stderr\n${outcome.stderr.slice(-3000)}`

/** Fails with the command's output when it did not exit with `code`, so the failure explains itself. */
export const expectExit = (outcome: CliOutcome, code: number): void => {
  if (outcome.code !== code) throw new Error(`expected exit ${code}, got ${transcript(outcome)}`)
}
