/**
 * One contender in a lock race (test/unit/lock.test.ts), as a process of its own. Per round it
 * waits for "go" on stdin, tries the lock once and prints what it got as a JSON line; on
 * "release" it lets go of a lock it won. "exit" ends it.
 */
import { createInterface } from "node:readline"
import { type LockAttempt, tryLock } from "../../src/runFolder/lock.js"

const path = process.argv[2] ?? ""
let held: LockAttempt | null = null
const lines = createInterface({ input: process.stdin })
process.stdout.write("ready\n")
for await (const command of lines) {
  if (command === "go") {
    held = await tryLock(path)
    process.stdout.write(`${JSON.stringify({ pid: process.pid, taken: held.taken, holder: held.taken ? null : held.holder })}\n`)
  } else if (command === "release") {
    if (held?.taken === true) await held.release()
    held = null
    process.stdout.write("released\n")
  } else if (command === "exit") break
}
