import { randomUUID } from "node:crypto"
import { Exit, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { ComparisonResult, ConsumedEnvelope } from "../../src/domain/consumedEvents.js"
import { isComparisonResult, isConsumedEnvelope } from "../../src/domain/consumedEventsFast.js"
import { comparisonCallback } from "../support/cjEvents.js"

const batch = randomUUID()
const schemaAccepts = {
  envelope: (value: unknown) => Exit.isSuccess(Schema.decodeUnknownExit(ConsumedEnvelope)(value)),
  comparison: (value: unknown) => Exit.isSuccess(Schema.decodeUnknownExit(ComparisonResult)(value))
}

const DELETE = Symbol("delete")
/** Replacement values tried for every field: wrong types, edge values, near misses. */
const REPLACEMENTS: ReadonlyArray<unknown> = [
  DELETE, null, "", "x", "Essay A", "Essay C", "essay a", 0, -1, 1, 4.2, 5, 5.01, 0.99, 1.5, -0.5, 2 ** 53, 1e300,
  true, [], ["a"], {}, { nested: 1 }, "a".repeat(500), "a".repeat(501),
  "0a0a0a0a-0b0b-4c0c-8d0d-0e0e0e0e0e0e", "0A0A0A0A0B0B4C0C8D0D0E0E0E0E0E0E", "0a0a0a0a-0b0b-4c0c-8d0d-0e0e0e0e0e0", "not-a-uuid",
  "2026-02-07T10:11:12", "2026-02-07T10:11:12.345678+0100", "2026-02-07T10:11:12+01:00", "2026-02-07 10:11:12", "2026-02-07",
  "c".repeat(64)
]

type Json = Record<string, unknown>

const samples = (): Json[] => {
  const callbacks = [
    comparisonCallback({ batchUuid: batch, essayA: "A1", essayB: "s1" }),
    comparisonCallback({ batchUuid: batch, essayA: "A1", essayB: "s1", winner: "Essay B", cost: 0 }),
    comparisonCallback({ batchUuid: batch, essayA: "A1", essayB: "s1", error: { code: "LLM_PROVIDER_TIMEOUT", message: "timed out" } }),
    comparisonCallback({ batchUuid: batch, essayA: "a", essayB: "b", requestMetadata: { bos_batch_id: batch } })
  ]
  return callbacks.map((text) => JSON.parse(text) as Json)
}

/** Every object nested in `root` with a path to it, `root` included. */
const objectsIn = (root: Json): Json[] => {
  const found: Json[] = [root]
  for (const value of Object.values(root)) if (typeof value === "object" && value !== null && !Array.isArray(value)) found.push(...objectsIn(value as Json))
  return found
}

/** Copies of `root` with one field of one nested object replaced (or deleted), for every field and replacement. */
const mutants = (root: Json): Json[] => {
  const result: Json[] = []
  const count = objectsIn(root).length
  for (let target = 0; target < count; target++) {
    const keys = Object.keys(objectsIn(root)[target] ?? {})
    for (const key of [...keys, "event_id", "data", "request_id", "metadata", "token_usage", "details"]) {
      for (const replacement of REPLACEMENTS) {
        const copy = structuredClone(root)
        const object = objectsIn(copy)[target]
        if (object === undefined) continue
        if (replacement === DELETE) delete object[key]
        else object[key] = structuredClone(replacement)
        result.push(copy)
      }
    }
  }
  return result
}

describe("the hand-written checks on the collector's hot path", () => {
  it("accept the platform's usual events, as the Schemas do", () => {
    for (const event of samples()) {
      expect(isConsumedEnvelope(event)).toBe(true)
      expect(isComparisonResult(event["data"])).toBe(true)
      expect(schemaAccepts.envelope(event) && schemaAccepts.comparison(event["data"])).toBe(true)
    }
  })

  it("never accept what the Schemas reject, over every one-field change of valid events", () => {
    let checked = 0
    let agreed = 0
    const looser: unknown[] = []
    for (const event of samples()) {
      for (const mutant of mutants(event)) {
        const fastEnvelope = isConsumedEnvelope(mutant)
        const schemaEnvelope = schemaAccepts.envelope(mutant)
        if (fastEnvelope && !schemaEnvelope) looser.push(mutant)
        const data = mutant["data"]
        const fastComparison = isComparisonResult(data)
        const schemaComparison = schemaAccepts.comparison(data)
        if (fastComparison && !schemaComparison) looser.push(data)
        checked += 2
        agreed += Number(fastEnvelope === schemaEnvelope) + Number(fastComparison === schemaComparison)
      }
    }
    expect(looser).toEqual([])
    expect(checked).toBeGreaterThan(10_000)
    // Rejecting more than the Schemas is allowed (they decide then) but should stay rare.
    expect(agreed / checked).toBeGreaterThan(0.99)
  })

  it("reject what is not an object", () => {
    for (const value of [null, undefined, "x", 1, [], [{}]]) {
      expect(isConsumedEnvelope(value)).toBe(false)
      expect(isComparisonResult(value)).toBe(false)
    }
  })
})
