/**
 * Brings the HuleEdu platform up once for the acceptance suite and hands its environment to the
 * test files. A stack that already answers (started by hand with `up.sh`, or kept from an earlier
 * run) is used as it is and left running; one this setup started is stopped at the end unless
 * `ENG5_PLATFORM_KEEP=1`.
 */
import type { TestProject } from "vitest/node"
import { platformAnswers, readStackEnv, startStack, stopStack } from "./stack.js"

declare module "vitest" {
  export interface ProvidedContext {
    platformEnv: Record<string, string>
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const alreadyUp = await platformAnswers()
  const started = Date.now()
  const env = alreadyUp ? readStackEnv() : await startStack()
  process.stderr.write(`[platform] stack ${alreadyUp ? "already running" : `started in ${Math.round((Date.now() - started) / 1000)} s`}\n`)
  project.provide("platformEnv", env)
  return async () => {
    if (!alreadyUp && process.env["ENG5_PLATFORM_KEEP"] !== "1") await stopStack()
  }
}
