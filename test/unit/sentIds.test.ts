import { describe, expect, it } from "vitest"
import { MAX_ESSAY_ID_LENGTH } from "../../src/domain/ids.js"
import { batchPart, EssayIdMap, sentEssayIds } from "../../src/domain/sentIds.js"

const BATCH = "3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f"
const OTHER = "3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e60"

describe("ids sent to CJ", () => {
  it("are the stable id and a part of the batch's own, so two batches of the same essays share no id", () => {
    const stable = ["student_01", "student_02", "anchor_a1"]
    const first = sentEssayIds(stable, BATCH)
    const second = sentEssayIds(stable, OTHER)
    expect(first).toEqual(stable.map((id) => `${id}-${batchPart(BATCH)}`))
    expect(first.filter((id) => second.includes(id))).toEqual([])
    expect(sentEssayIds(stable, BATCH.toUpperCase())).toEqual(first)
  })

  it("fit CJ's 36 characters, and stay unique when cutting long ids would make them equal", () => {
    const long = "a_very_long_essay_file_name_from_the_archive"
    const stable = [`${long}_1`, `${long}_2`, "short", `${long.slice(0, 27)}`]
    const sent = sentEssayIds(stable, BATCH)
    expect(sent.every((id) => id.length <= MAX_ESSAY_ID_LENGTH)).toBe(true)
    expect(new Set(sent).size).toBe(stable.length)
    expect(sent[2]).toBe(`short-${batchPart(BATCH)}`)
    expect(sent[0]).toBe(`${long.slice(0, 22)}-0000-${batchPart(BATCH)}`)
    expect(sent[1]).toBe(`${long.slice(0, 22)}-0001-${batchPart(BATCH)}`)
  })

  it("map back to the stable ids recorded beside them; ids eng5 did not send (CJ's anchors) stay as they are", () => {
    const map = EssayIdMap.fromStudents([{ essay_id: "s1", cj_essay_id: "s1-0a0b0c0d" }, { essay_id: "s2" }])
    expect(map.stable("s1-0a0b0c0d")).toBe("s1")
    expect(map.stable("s2")).toBe("s2")
    expect(map.stable("ANCHOR_4_1a2b3c4d")).toBe("ANCHOR_4_1a2b3c4d")
  })

  it("are mapped back in the essay ids CJ lists in its completion", () => {
    const map = EssayIdMap.fromStudents([{ essay_id: "s1", cj_essay_id: "s1-0a0b0c0d" }])
    const summary = { total_essays: 1, successful: 0, failed: 1, successful_essay_ids: [], failed_essay_ids: ["s1-0a0b0c0d"] }
    const completion = map.toStable({
      kind: "completion",
      envelope: { event_id: "e", event_type: "t", source_service: "cj", data: {} },
      payload: { entity_id: "b", status: "failed_critically", cj_assessment_job_id: "42", processing_summary: summary }
    })
    expect(completion.kind === "completion" ? completion.payload.processing_summary?.["failed_essay_ids"] : null).toEqual(["s1"])
  })
})
