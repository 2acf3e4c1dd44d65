import { describe, expect, it } from "vitest"
import { essayIdFromStem, gradeFromAnchorFileName } from "../../src/domain/ids.js"

describe("essay ids", () => {
  it("turns every run of other characters into one underscore, lower-cased", () => {
    expect(essayIdFromStem("Short Name")).toBe("short_name")
    expect(essayIdFromStem("MHHXGLMH 50 (SA24D ENG 5 WRITING 2025)")).toBe("mhhxglmh_50_sa24d_eng_5_writing_2025")
    expect(essayIdFromStem("__a--b__")).toBe("a_b")
  })

  it("keeps ids within CJ's 36 characters and the artefact's 3-character minimum", () => {
    const id = essayIdFromStem("EDITH_STRANDLER_SA24_ENG5_NP_WRITING_ROLE_MODELS")
    expect(id).toHaveLength(36)
    expect(id).toMatch(/^edith_strandler_sa24_eng5_n_[0-9a-f]{8}$/)
    expect(essayIdFromStem("x")).toBe("x__")
    expect(essayIdFromStem("€")).toBe("essay")
  })

  it("transliterates letters instead of dropping them", () => {
    expect(essayIdFromStem("Åsa Öberg")).toBe("asa_oberg")
    expect(essayIdFromStem("Äsa Öberg")).toBe("asa_oberg")
    expect(essayIdFromStem("Émile Großmann")).toBe("emile_grossmann")
    expect(essayIdFromStem("Søren Æbelø")).toBe("soren_aebelo")
    expect(essayIdFromStem("Łukasz Ñúñez")).toBe("lukasz_nunez")
    expect(essayIdFromStem("é")).toBe("e__")
  })

  it("gives distinct long names distinct ids", () => {
    const a = essayIdFromStem("a very long student essay file name number one")
    const b = essayIdFromStem("a very long student essay file name number two")
    expect(a).not.toBe(b)
    expect(a.slice(0, 27)).toBe(b.slice(0, 27))
  })
})

describe("anchor grades from file names", () => {
  it.each([
    ["A1.docx", "A"],
    ["F+2.docx", "F+"],
    ["c-.docx", "C-"],
    ["anchor_essay_eng_5_17_vt_003_E-.docx", "E-"],
    ["ANCHOR1_A.docx", "A"],
    ["x_B2.txt", "B"],
    ["anchor_C+1.docx", "C+"]
  ])("%s has grade %s", (name, grade) => {
    expect(gradeFromAnchorFileName(name, false)).toBe(grade)
  })

  it.each(["123.docx", "foo_12.docx"])("%s has no letter grade", (name) => {
    expect(gradeFromAnchorFileName(name, false)).toBeUndefined()
  })

  it("reads digits as the grade on a numeric scale", () => {
    expect(gradeFromAnchorFileName("anchor_7.docx", true)).toBe("7")
    expect(gradeFromAnchorFileName("anchor_b_0.txt", true)).toBe("0")
  })
})
