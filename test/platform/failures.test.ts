/**
 * Batches the platform fails, against its own services: eng5 must report CJ's verdict (exit 1,
 * CJ's reason, the data received kept), never a success.
 */
import { randomUUID } from "node:crypto"
import { existsSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Kafka, logLevel } from "kafkajs"
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest"
import { TOPICS } from "../../src/domain/platform.js"
import { artefactSchemaErrors } from "../support/artefactSchema.js"
import { eng5, expectExit, startEng5, workDir } from "./support/cli.js"
import { readArtefact, withCjDatabase } from "./support/cjDatabase.js"
import { readRequest, runFolderOf } from "./support/runFolders.js"
import { batchShape } from "./support/eventFiles.js"
import { restartLlmProvider, seedAssignment } from "./support/stack.js"

const EXAMPLE = fileURLToPath(new URL("../../examples/eng5", import.meta.url))
const COURSE = "1b1b1b1b-2c2c-4d3d-8e4e-5f5f5f5f5f5f"

const studentsHeldByCj = (batchUuid: string): Promise<number> =>
  withCjDatabase(async (db) => {
    const rows = await db.query<{ n: string }>(
      "select count(*) as n from cj_processed_essays e join cj_batch_uploads b on b.id = e.cj_batch_id where b.bos_batch_id = $1 and not e.is_anchor",
      [batchUuid]
    )
    return Number(rows.rows[0]?.n ?? 0)
  })

/** Publishes a copy of a stored request under another batch uuid, as a second client reusing its essay ids would. */
const publishCopyOf = async (request: { readonly data: Record<string, unknown> }, batchUuid: string): Promise<void> => {
  const kafka = new Kafka({ clientId: "eng5-platform-test", brokers: [inject("platformEnv")["KAFKA_BOOTSTRAP_SERVERS"] ?? ""], logLevel: logLevel.NOTHING })
  const producer = kafka.producer()
  await producer.connect()
  const metadata = request.data["system_metadata"] as Record<string, unknown>
  const copy = { ...request, event_id: randomUUID(), correlation_id: randomUUID(), data: { ...request.data, entity_id: batchUuid, system_metadata: { ...metadata, entity_id: batchUuid } } }
  try {
    await producer.send({ topic: TOPICS.request, acks: -1, messages: [{ key: batchUuid, value: JSON.stringify(copy) }] })
  } finally {
    await producer.disconnect()
  }
}

describe("batches the platform fails", () => {
  let cwd: string
  let assignment: string
  const runFlags = (batchUuid: string): string[] => ["--assets", EXAMPLE, "--assignment-id", assignment, "--course-id", COURSE, "--batch-uuid", batchUuid, "--await-completion", "--completion-timeout", "420"]

  beforeAll(async () => {
    cwd = workDir()
    assignment = await seedAssignment(EXAMPLE)
  })

  it("a batch CJ completes as failed_critically (its students taken by a later batch) exits 1 with CJ's status, its data kept", async () => {
    const batch = randomUUID()
    const run = startEng5(["run", "execute", ...runFlags(batch)], cwd)
    const deadline = Date.now() + 120_000
    while ((await studentsHeldByCj(batch)) < 24) {
      if (Date.now() > deadline) throw new Error(`CJ never held the batch's students\n${run.output().stderr}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    await publishCopyOf(readRequest(runFolderOf(cwd, batch)), randomUUID())
    const outcome = await run.done
    expect(await studentsHeldByCj(batch)).toBe(0)
    expectExit(outcome, 1)
    expect(outcome.stdout + outcome.stderr).toContain("failed_critically")
    expect(outcome.stdout + outcome.stderr).not.toMatch(/CJ completed the batch/iu)
    const folder = runFolderOf(cwd, batch)
    expect(artefactSchemaErrors(readArtefact(folder))).toEqual([])
    expect(readArtefact(folder).llm_comparisons.length).toBeGreaterThan(0)
  })

  describe("when every comparison fails at the LLM provider", () => {
    beforeAll(() => restartLlmProvider({ MOCK_MODE: "default", MOCK_ERROR_RATE: "1" }))
    afterAll(() => restartLlmProvider({ MOCK_MODE: "cj_generic_batch", MOCK_ERROR_RATE: "0" }))

    it("CJ's failure event ends the run with exit 1 and CJ's reason, readable and whole", async () => {
      const batch = randomUUID()
      const outcome = await eng5(["run", "execute", ...runFlags(batch)], cwd)
      expectExit(outcome, 1)
      const said = outcome.stdout + outcome.stderr
      expect(said).toContain("low_success_rate")
      expect(said).not.toContain(": {}")
      expect(existsSync(join(runFolderOf(cwd, batch), "events", "comparisons.jsonl"))).toBe(true)
      expect(artefactSchemaErrors(readArtefact(runFolderOf(cwd, batch)))).toEqual([])

      // The sandbox rehearses the same failure: the same callbacks, the same failure event.
      const rehearsal = await eng5(["run", "execute", "--sandbox", "--sandbox-error-rate", "1", "--assets", EXAMPLE, "--await-completion", "--output-dir", "rehearsal", "--json"], cwd)
      expectExit(rehearsal, 1)
      const platform = batchShape(runFolderOf(cwd, batch))
      expect(platform).toMatchObject({ kinds: { comparisons: 120, failures: 1 }, failedComparisons: 120, failureReason: "low_success_rate" })
      expect(batchShape((JSON.parse(rehearsal.stdout) as { runFolder: string }).runFolder)).toEqual(platform)
    })
  })
})
