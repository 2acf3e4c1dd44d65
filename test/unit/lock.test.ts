import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from "node:child_process"
import { existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { createInterface, type Interface } from "node:readline"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { tryLock } from "../../src/runFolder/lock.js"
import { LOCK_FILE, withRunFolderLock } from "../../src/runFolder/runLock.js"
import { RunLog } from "../../src/services/RunLog.js"
import { tempDir } from "../support/assets.js"

const RACER = new URL("../support/lockRacer.ts", import.meta.url).pathname

/** A PID no process has: one that has just ended. */
const deadPid = (): number => {
  const ended = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" })
  return Number(ended.stdout)
}

/** A lock as a killed process leaves it. */
const staleLock = (path: string, pid: number) => {
  mkdirSync(path)
  writeFileSync(join(path, `${pid}-${Date.now()}-0123456789abcdef`), "")
}

const written = (path: string, text: string) => {
  writeFileSync(path, text)
  return path
}

interface Racer {
  readonly child: ChildProcessWithoutNullStreams
  readonly next: () => Promise<string>
}

const startRacer = (lock: string): Racer => {
  const child = spawn(process.execPath, ["--import", "tsx", RACER, lock], { stdio: ["pipe", "pipe", "pipe"] })
  const lines: Interface = createInterface({ input: child.stdout })
  const queue: string[] = []
  const waiting: Array<(line: string) => void> = []
  lines.on("line", (line) => {
    const resolve = waiting.shift()
    if (resolve === undefined) queue.push(line)
    else resolve(line)
  })
  return { child, next: () => new Promise((resolve) => (queue.length > 0 ? resolve(queue.shift() ?? "") : waiting.push(resolve))) }
}

describe("the lock (one implementation for run folders and the upload cache)", () => {
  const RACERS = 6
  const ROUNDS = 8
  const lock = join(tempDir("eng5-lock-race-"), ".eng5.lock")
  let racers: Racer[] = []

  beforeAll(async () => {
    racers = Array.from({ length: RACERS }, () => startRacer(lock))
    const greetings = await Promise.all(racers.map((racer) => racer.next()))
    if (greetings.some((line) => line !== "ready")) throw new Error(`a racer did not start: ${greetings.join(", ")}`)
  }, 60_000)

  afterAll(() => {
    for (const racer of racers) racer.child.stdin.end("exit\n")
  })

  it("races processes for a stale lock (a directory, or an older eng5's file): exactly one takes it over, every other one names that one", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      // Every other round the stale lock is a file, as an older eng5 left it.
      if (round % 2 === 0) staleLock(lock, deadPid())
      else writeFileSync(lock, `${deadPid()}\n`)
      for (const racer of racers) racer.child.stdin.write("go\n")
      const results = await Promise.all(racers.map(async (racer) => JSON.parse(await racer.next()) as { pid: number; taken: boolean; holder: number | null }))
      const winners = results.filter((result) => result.taken)
      expect(winners.length, `round ${round}: ${JSON.stringify(results)}`).toBe(1)
      expect(results.filter((result) => !result.taken).map((result) => result.holder)).toEqual(Array(RACERS - 1).fill(winners[0]?.pid))
      for (const racer of racers) racer.child.stdin.write("release\n")
      for (const racer of racers) expect(await racer.next()).toBe("released")
      expect(existsSync(lock)).toBe(false)
    }
    expect(readdirSync(join(lock, "..")), "no draft left behind").toEqual([])
  }, 120_000)

  it("is not taken over while its process lives, unless older than the stale bound", async () => {
    const path = join(tempDir(), "cache.lock")
    const first = await tryLock(path)
    expect(first.taken).toBe(true)
    expect(await tryLock(path)).toEqual({ taken: false, holder: process.pid })
    await new Promise((resolve) => setTimeout(resolve, 20))
    const late = await tryLock(path, { staleAfterMs: 10 })
    expect(late.taken).toBe(true)
    // The first holder's release leaves the lock taken over from it alone.
    if (first.taken) await first.release()
    expect(await tryLock(path)).toEqual({ taken: false, holder: process.pid })
    if (late.taken) await late.release()
    expect(existsSync(path)).toBe(false)
  })

  describe("a lock file an older eng5 left (it locked with a file holding its PID)", () => {
    it.each([
      { name: ".eng5.lock", text: () => `${deadPid()}\n` },
      { name: "content_upload_cache.json.lock", text: () => `${deadPid()} ${new Date().toISOString()}\n` },
      { name: "content_upload_cache.json.uploading", text: () => "" }
    ])("$name is taken over once its process is gone, and released as a lock directory", async ({ name, text }) => {
      const dir = tempDir()
      const path = written(join(dir, name), text())
      const attempt = await tryLock(path, { staleAfterMs: 30_000 })
      expect(attempt.taken).toBe(true)
      expect(statSync(path).isDirectory()).toBe(true)
      if (attempt.taken) await attempt.release()
      expect(readdirSync(dir), "no lock and no draft left behind").toEqual([])
    })

    it("is left alone while its process lives, unless older than the stale bound", async () => {
      const path = written(join(tempDir(), "cache.lock"), `${process.pid} ${new Date().toISOString()}\n`)
      expect(await tryLock(path, { staleAfterMs: 60_000 })).toEqual({ taken: false, holder: process.pid })
      expect(statSync(path).isFile()).toBe(true)
      const hourAgo = new Date(Date.now() - 3_600_000)
      utimesSync(path, hourAgo, hourAgo)
      const late = await tryLock(path, { staleAfterMs: 60_000 })
      expect(late.taken).toBe(true)
      if (late.taken) await late.release()
    })

    it("in a run folder does not stop execute or attach from taking the folder", async () => {
      const folder = tempDir()
      writeFileSync(join(folder, LOCK_FILE), `${deadPid()}\n`)
      const ran = await Effect.runPromise(withRunFolderLock(folder, Effect.sync(() => statSync(join(folder, LOCK_FILE)).isDirectory())).pipe(Effect.provide(RunLog.discard)))
      expect(ran).toBe(true)
      expect(existsSync(join(folder, LOCK_FILE))).toBe(false)
    })
  })
})
