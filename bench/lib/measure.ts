import { spawnSync } from "node:child_process"
import { performance } from "node:perf_hooks"

export const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}

/** Wall time in milliseconds of one child process run to completion. */
export const timeProcess = (command: string, args: ReadonlyArray<string>, cwd: string): number => {
  const started = performance.now()
  const result = spawnSync(command, args, { cwd, stdio: "ignore" })
  const elapsed = performance.now() - started
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited with ${String(result.status)}`)
  return elapsed
}
