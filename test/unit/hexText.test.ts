import { describe, expect, it } from "vitest"
import { isHexRun, isHyphenatedUuid, isSha256Hex } from "../../src/domain/hexText.js"

const regexUuid = (lowerCase: boolean) => (lowerCase ? /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/ : /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/)

describe("hexadecimal checks without regular expressions", () => {
  const uuids = [
    "0f8fad5b-d9cb-469f-a165-70867728950e",
    "0F8FAD5B-D9CB-469F-A165-70867728950E",
    "0f8fad5b-d9cb-469f-a165-70867728950",
    "0f8fad5b-d9cb-469f-a165-70867728950e0",
    "0f8fad5bd-9cb-469f-a165-70867728950e",
    "0f8fad5b-d9cb-469f-a165-70867728950g",
    "0f8fad5b-d9cb-469f-a165-7086772895é0",
    "0f8fad5b d9cb-469f-a165-70867728950e",
    "0f8fad5bd9cb469fa16570867728950e"
  ]
  it.each(uuids)("agrees with the regular expression on %s", (value) => {
    expect(isHyphenatedUuid(value, true)).toBe(regexUuid(true).test(value))
    expect(isHyphenatedUuid(value, false)).toBe(regexUuid(false).test(value))
  })

  it("takes 64 lower-case hex digits as a SHA-256, nothing else", () => {
    const digest = "ab".repeat(32)
    expect(isSha256Hex(digest)).toBe(true)
    expect(isSha256Hex(digest.toUpperCase())).toBe(false)
    expect(isSha256Hex(digest.slice(1))).toBe(false)
    expect(isSha256Hex(`${digest}0`)).toBe(false)
    expect(isSha256Hex(`${digest.slice(0, 63)}z`)).toBe(false)
  })

  it("checks only the range asked for", () => {
    expect(isHexRun("xx0aFxx", 2, 5, false)).toBe(true)
    expect(isHexRun("xx0aFxx", 2, 5, true)).toBe(false)
    expect(isHexRun("xx0aFxx", 1, 5, false)).toBe(false)
  })
})
