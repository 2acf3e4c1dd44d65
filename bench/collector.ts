/**
 * Speed and memory of eng5's collector against a real Kafka broker.
 *
 * Pre-produces comparison callbacks for one batch (plus 10 % noise from other batches, then the
 * batch's completion and result) and follows the batch with the built CLI, `eng5 run attach`, on
 * a run folder prepared as execute would leave it: that process is the collector as operators
 * run it. Each is measured twice and the faster run counts. Prints the collector's peak RSS at
 * 10,000 callbacks, the largest real batch (target ≤ 300 MB), its time for 1,000 against 10,000
 * callbacks (target ≤ 12×) and its CPU time for a batch of a typical size, 3,000 callbacks (target ≤ 1 s). For
 * scale, in the same run, a bare kafkajs consumer with the same fetch settings reads the same
 * records, and another also parses each as JSON and appends it to a file (bareConsumer.ts with
 * `storeTo`). Each measured run folder is removed after its run: on a VM whose memory is backed
 * lazily, writing 200 MB into fresh page cache costs seconds of system time that say nothing
 * about eng5.
 *
 *   npm run build && npx tsx bench/collector.ts [--callbacks 10000] [--small 1000] [--typical 3000] [--profile <dir>]
 * `--profile` writes a V8 CPU profile of every collector run to <dir>.
 * Uses KAFKA_BOOTSTRAP_SERVERS when set, else starts a private broker (java + mvn, see scripts/kafka).
 */
import { execFile, spawn } from "node:child_process"
import { randomUUID } from "node:crypto"
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { availableParallelism, tmpdir } from "node:os"
import { delimiter, dirname, join } from "node:path"
import { parseArgs } from "node:util"
import { Kafka, logLevel, Partitioners } from "kafkajs"
import { sealedArtefactText } from "../src/domain/buildArtefact.js"
import { FOLLOWED_TOPICS } from "../src/domain/classifyRecord.js"
import type { TopicOffsets } from "../src/domain/offsets.js"
import { TOPICS } from "../src/domain/platform.js"
import type { RunReport } from "../src/programs/runReport.js"
import { RUN_FILES } from "../src/runFolder/runFolder.js"
import type { RunState } from "../src/runFolder/runState.js"
import { stubArtefact } from "../test/support/artefacts.js"
import { comparisonCallback, completionEvent, resultEvent } from "../test/support/cjEvents.js"
import { ensurePlatformTopics } from "../test/support/cjResponder.js"
import { ensureBroker } from "../test/support/kafkaBroker.js"
import type { BareResult, BareTask } from "./lib/bareConsumer.js"

const { values } = parseArgs({
  options: { callbacks: { type: "string", default: "10000" }, small: { type: "string", default: "1000" }, typical: { type: "string", default: "3000" }, profile: { type: "string" } }
})
const LARGE = Number(values.callbacks)
const SMALL = Number(values.small)
const TYPICAL = Number(values.typical)
const RUNS = 2
const BARE = new URL("./lib/bareConsumer.ts", import.meta.url).pathname
const CLI = new URL("../bin/run.js", import.meta.url).pathname
if (!existsSync(new URL("../dist/commands", import.meta.url))) throw new Error("dist/ is missing: run `npm run build` first")

const broker = await ensureBroker()
await ensurePlatformTopics(broker.bootstrap)
const kafka = new Kafka({ clientId: "bench-producer", brokers: [broker.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 15, initialRetryTime: 300 } })
const admin = kafka.admin()
const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner })
await Promise.all([admin.connect(), producer.connect()])
const workDir = mkdtempSync(join(tmpdir(), "eng5-bench-"))

/** A fresh broker may not have elected the new topics' leaders yet: such a retriable answer is asked again. */
const topicOffsets = async (topic: string): Promise<Array<{ partition: number; high: string }>> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await admin.fetchTopicOffsets(topic)
    } catch (error) {
      if (attempt >= 40 || !(error instanceof Error && "retriable" in error && error.retriable === true)) throw error
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  }
}

const endOffsets = async (): Promise<TopicOffsets> => {
  const result: Record<string, Record<string, string>> = {}
  for (const topic of Object.keys(FOLLOWED_TOPICS)) result[topic] = Object.fromEntries((await topicOffsets(topic)).map((p) => [String(p.partition), p.high]))
  return result
}

interface Batch {
  readonly batchUuid: string
  readonly start: TopicOffsets
  readonly records: number
}

/** Produces `callbacks` callbacks of one batch with 10 % noise interleaved, then its result and completion. */
const produceBatch = async (callbacks: number): Promise<Batch> => {
  const batchUuid = randomUUID()
  const start = await endOffsets()
  const strangers = [randomUUID(), randomUUID()]
  const students = Array.from({ length: 40 }, (_, i) => `student_${i}`)
  const anchors = Array.from({ length: 12 }, (_, i) => `ANCHOR_${i}_0000aaaa`)
  let records = 0
  for (let from = 0; from < callbacks; from += 2_000) {
    const messages = []
    for (let i = from; i < Math.min(callbacks, from + 2_000); i++) {
      messages.push({ partition: i % 3, value: comparisonCallback({ batchUuid, essayA: anchors[i % anchors.length] ?? "", essayB: students[i % students.length] ?? "", requestId: `r-${i}` }) })
      if (i % 10 === 0) messages.push({ partition: (i + 1) % 3, value: comparisonCallback({ batchUuid: strangers[i % 2] ?? "", essayA: "a", essayB: "b" }) })
    }
    records += messages.length
    await producer.send({ topic: TOPICS.comparisonResult, acks: -1, messages })
  }
  const correlation = randomUUID()
  await producer.send({ topic: TOPICS.resultPublished, acks: -1, messages: [{ value: resultEvent(batchUuid, correlation, students.map((essayId, i) => ({ essayId, grade: "B", rank: i + 1, bt: 1 - i / 40 }))) }] })
  await producer.send({ topic: TOPICS.completed, acks: -1, messages: [{ value: completionEvent(batchUuid, correlation, students) }] })
  return { batchUuid, start, records: records + 2 }
}

/** A run folder as execute leaves it right after publishing: run.json with the start offsets and the stub artefact. */
const runFolderFor = (batch: Batch): string => {
  const folder = join(workDir, `bench-${randomUUID().slice(0, 8)}-${batch.batchUuid}`)
  mkdirSync(folder)
  const state: RunState = {
    schema_version: 1,
    batch_uuid: batch.batchUuid,
    batch_label: "bench",
    correlation_id: randomUUID(),
    assignment_id: null,
    grade_scale: "eng5_np_legacy_9_step",
    created_at: new Date().toISOString(),
    upload_cache: null,
    kafka: { bootstrap: broker.bootstrap, client_id: "eng5-bench", start_offsets: batch.start },
    published: null
  }
  writeFileSync(join(folder, RUN_FILES.state), JSON.stringify(state, null, 2))
  writeFileSync(join(folder, RUN_FILES.artefact), sealedArtefactText(stubArtefact(batch.batchUuid), []))
  return folder
}

interface Measured {
  readonly seconds: number
  readonly peakRssMb: number
  /** CPU time of the whole process (every thread, user and system), start-up included. */
  readonly cpuSeconds: number
  /** The part of cpuSeconds spent in the kernel. */
  readonly sysSeconds: number
}

/** `eng5 run attach` on a fresh run folder; its peak RSS read from /proc while it runs (VmHWM never decreases). */
const runCollector = (batch: Batch): Promise<Measured & { readonly callbacks: number }> => {
  const folder = runFolderFor(batch)
  return new Promise<Measured & { readonly callbacks: number }>((resolve, reject) => {
    // Started as a program, as `eng5` is (`node` on the PATH is this Node). `--profile` adds
    // V8's profiler through NODE_OPTIONS.
    const profile = values.profile === undefined ? {} : { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${values.profile}` }
    const child = spawn(CLI, ["run", "attach", folder, "--json", "--kafka-bootstrap", broker.bootstrap, "--completion-timeout", "600"], {
      cwd: workDir,
      env: { ...process.env, ...profile, PATH: `${dirname(process.execPath)}${delimiter}${process.env["PATH"] ?? ""}` },
      stdio: ["ignore", "pipe", "pipe"]
    })
    let stdout = ""
    let stderr = ""
    let peakKb = 0
    let cpuTicks = 0
    let sysTicks = 0
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")))
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")))
    const poll = setInterval(() => {
      try {
        const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))
        peakKb = Math.max(peakKb, Number(match?.[1] ?? 0))
        // utime and stime, fields 14 and 15 of /proc/<pid>/stat (after the parenthesised name)
        const times = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? []
        cpuTicks = Math.max(cpuTicks, Number(times[11] ?? 0) + Number(times[12] ?? 0))
        sysTicks = Math.max(sysTicks, Number(times[12] ?? 0))
      } catch {
        // the process has just ended
      }
    }, 20)
    child.on("close", (code) => {
      clearInterval(poll)
      if (code !== 0) return reject(new Error(`eng5 run attach exited with ${code}:\n${stderr}`))
      const report = JSON.parse(stdout) as RunReport
      resolve({ seconds: report.elapsedSeconds, peakRssMb: Math.round(peakKb / 1024), cpuSeconds: cpuTicks / CLOCK_TICKS_PER_SECOND, sysSeconds: sysTicks / CLOCK_TICKS_PER_SECOND, callbacks: report.comparisons.received })
    })
  }).finally(() => rmSync(folder, { recursive: true, force: true }))
}

const runBare = (task: BareTask): Promise<BareResult> =>
  new Promise((resolve, reject) => {
    execFile(process.execPath, ["--import", "tsx", BARE, JSON.stringify(task)], { env: { ...process.env, KAFKAJS_NO_PARTITIONER_WARNING: "1" } }, (error, stdout, stderr) => {
      if (error) reject(new Error(`bare consumer failed: ${error.message}\n${stderr}`))
      else resolve(JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as BareResult)
    })
  })

/** Linux's USER_HZ, the unit of /proc/<pid>/stat times (100 on every mainstream architecture). */
const CLOCK_TICKS_PER_SECOND = 100

const fastest = <T extends { readonly seconds: number }>(runs: ReadonlyArray<T>): T => runs.reduce((a, b) => (b.seconds < a.seconds ? b : a))

const measure = async (callbacks: number, withBaseline: boolean) => {
  process.stderr.write(`producing ${callbacks} callbacks (+10 % noise)…\n`)
  const batch = await produceBatch(callbacks)
  const bare: BareResult[] = []
  const parseAndStore: BareResult[] = []
  const collector: Array<Measured & { readonly callbacks: number }> = []
  for (let run = 0; run < RUNS; run++) {
    if (withBaseline) {
      const task = { bootstrap: broker.bootstrap, start: batch.start, records: batch.records }
      bare.push(await runBare(task))
      const storeTo = join(workDir, `parse-and-store-${run}.jsonl`)
      parseAndStore.push(await runBare({ ...task, storeTo }))
      rmSync(storeTo, { force: true })
    }
    const measured = await runCollector(batch)
    if (measured.callbacks !== callbacks) throw new Error(`the collector recorded ${measured.callbacks} callbacks, expected ${callbacks}`)
    collector.push(measured)
  }
  return {
    batch,
    bare: bare.length === 0 ? null : fastest(bare),
    parseAndStore: parseAndStore.length === 0 ? null : fastest(parseAndStore),
    collector: fastest(collector),
    peakRssMb: Math.max(...collector.map((c) => c.peakRssMb))
  }
}

const perSecond = (records: number, seconds: number) => Math.round(records / seconds).toLocaleString("en")

try {
  const typical = await measure(TYPICAL, false)
  const small = await measure(SMALL, false)
  const large = await measure(LARGE, true)
  const bare = large.bare
  const floor = large.parseAndStore
  if (bare === null || floor === null) throw new Error("no baseline measured")
  const growth = large.collector.seconds / small.collector.seconds
  const rows = [
    ["bare kafkajs consumer", `${large.batch.records} records`, `${bare.seconds.toFixed(2)} s`, `${perSecond(large.batch.records, bare.seconds)} records/s`, `peak RSS ${bare.peakRssMb} MB`, `CPU ${bare.cpuSeconds.toFixed(2)} s`],
    ["eng5 run attach (collector)", `${large.batch.records} records`, `${large.collector.seconds.toFixed(2)} s`, `${perSecond(large.batch.records, large.collector.seconds)} records/s`, `peak RSS ${large.peakRssMb} MB`, `CPU ${large.collector.cpuSeconds.toFixed(2)} s (sys ${large.collector.sysSeconds.toFixed(2)})`],
    ["", `${LARGE} callbacks`, "", `${perSecond(LARGE, large.collector.seconds)} callbacks/s`, "", ""],
    ["kafkajs + JSON.parse + append", `${large.batch.records} records`, `${floor.seconds.toFixed(2)} s`, `${perSecond(large.batch.records, floor.seconds)} records/s`, `peak RSS ${floor.peakRssMb} MB`, `CPU ${floor.cpuSeconds.toFixed(2)} s`],
    ["eng5 run attach (small)", `${SMALL} callbacks`, `${small.collector.seconds.toFixed(2)} s`, `${perSecond(SMALL, small.collector.seconds)} callbacks/s`, `peak RSS ${small.peakRssMb} MB`, `CPU ${small.collector.cpuSeconds.toFixed(2)} s (sys ${small.collector.sysSeconds.toFixed(2)})`],
    ["eng5 run attach (typical)", `${TYPICAL} callbacks`, `${typical.collector.seconds.toFixed(2)} s`, `${perSecond(TYPICAL, typical.collector.seconds)} callbacks/s`, `peak RSS ${typical.peakRssMb} MB`, `CPU ${typical.collector.cpuSeconds.toFixed(2)} s (sys ${typical.collector.sysSeconds.toFixed(2)})`]
  ]
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? []
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  ").trimEnd())
  console.log("")
  console.log(`for scale: eng5 at ${(bare.seconds / large.collector.seconds).toFixed(2)} of a bare consumer's throughput; parsing and appending alone at ${(bare.seconds / floor.seconds).toFixed(2)}`)
  console.log(`collector peak RSS at ${LARGE}:   ${large.peakRssMb} MB  (target ≤ 300 MB)  ${large.peakRssMb <= 300 ? "met" : "NOT MET"}`)
  console.log(`time ${LARGE} vs ${SMALL} callbacks: ${growth.toFixed(1)}×  (target ≤ 12×)  ${growth <= 12 ? "met" : "NOT MET"}`)
  // start-up is in the process's CPU time too: that is what a run costs the machine
  console.log(`collector CPU at ${TYPICAL}:        ${typical.collector.cpuSeconds.toFixed(2)} s  (target ≤ 1 s)  ${typical.collector.cpuSeconds <= 1 ? "met" : "NOT MET"}`)
  console.log(`(fastest of ${RUNS} runs each; collector time = following to the finished artefact, as the report's elapsedSeconds;`)
  console.log(` CPU = the whole process's user and system time, start-up included, over ${availableParallelism()} cores)`)
} finally {
  await Promise.allSettled([admin.disconnect(), producer.disconnect()])
  await broker.stop()
  rmSync(workDir, { recursive: true, force: true })
}
process.exit(0)
