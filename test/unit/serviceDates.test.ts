import { assert, describe, it } from "@effect/vitest"
import { parseServiceDate } from "../../src/layers/http/dates.js"

describe("dates as CJ sends them (contracts §3.4)", () => {
  it.each([
    ["2026-02-07T10:11:12.345678Z", "2026-02-07T10:11:12.345Z"],
    ["2026-02-07T10:11:12Z", "2026-02-07T10:11:12.000Z"],
    ["2026-02-07T10:11:12.345678", "2026-02-07T10:11:12.345Z"],
    ["2026-02-07T12:11:12+02:00", "2026-02-07T10:11:12.000Z"],
    ["2026-02-07 10:11:12.5+0000", "2026-02-07T10:11:12.500Z"],
    ["Sat, 07 Feb 2026 00:47:44 GMT", "2026-02-07T00:47:44.000Z"],
    ["07 Feb 2026 01:47 +0100", "2026-02-07T00:47:00.000Z"]
  ])("reads %s", (text, iso) => {
    assert.strictEqual(parseServiceDate(text)?.toISOString(), iso)
  })

  it.each([["yesterday"], ["2026-13-45"], ["Sat, 07 Foo 2026 00:47:44 GMT"], [1_770_000_000], [null]])("ignores %s", (value) => {
    assert.isUndefined(parseServiceDate(value))
  })
})
