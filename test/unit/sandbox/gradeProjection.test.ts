import { describe, expect, it } from "vitest"
import { GRADE_SCALES, type GradeScale } from "../../../src/domain/gradeScales.js"
import { confidenceLabel, gradeBandWidth, gradeCentres, projectGrades } from "../../../src/sandbox/gradeProjection.js"

const legacy = GRADE_SCALES.eng5_np_legacy_9_step as GradeScale

const anchors = [
  { essayId: "ANCHOR_1_aaaaaaaa", grade: "E+", theta: -2.1 },
  { essayId: "ANCHOR_2_bbbbbbbb", grade: "E+", theta: -1.9 },
  { essayId: "ANCHOR_3_cccccccc", grade: "C-", theta: 0 },
  { essayId: "ANCHOR_4_dddddddd", grade: "A", theta: 2 }
]

const sum = (values: Readonly<Record<string, number>>) => Object.values(values).reduce((total, value) => total + value, 0)

describe("grade projection", () => {
  it("centres each anchored grade on its anchors' mean theta, lowest grade first", () => {
    expect(gradeCentres(anchors, legacy)).toEqual([
      { grade: "E+", theta: -2, anchors: 2 },
      { grade: "C-", theta: 0, anchors: 1 },
      { grade: "A", theta: 2, anchors: 1 }
    ])
    expect(gradeBandWidth(gradeCentres(anchors, legacy))).toBe(1)
  })

  it("projects the nearest centre with probabilities over anchored grades that sum to 1", () => {
    const [near, between, far] = projectGrades(
      [
        { essayId: "near", theta: 1.9, standardError: 0.2 },
        { essayId: "between", theta: 0.95, standardError: 0.2 },
        { essayId: "far", theta: -6, standardError: 0.2 }
      ],
      anchors,
      legacy
    )
    expect(near?.grade).toBe("A")
    expect(between?.grade).toBe("C-")
    expect(far?.grade).toBe("E+")
    for (const projection of [near, between, far]) {
      expect(sum(projection?.probabilities ?? {})).toBeCloseTo(1, 12)
      expect(Object.keys(projection?.probabilities ?? {})).toEqual(["E+", "C-", "A"])
      expect(projection?.confidence).toBe(Math.max(...Object.values(projection?.probabilities ?? {})))
    }
    expect(near?.confidenceLabel).toBe("HIGH")
    // 0.95 is barely nearer C- (0) than A (2): P(C-) ≈ 0.52.
    expect(between?.confidenceLabel).toBe("MID")
  })

  it("is less confident about a student whose theta is uncertain", () => {
    const [sure, unsure] = projectGrades(
      [
        { essayId: "sure", theta: 1.5, standardError: 0.1 },
        { essayId: "unsure", theta: 1.5, standardError: 2 }
      ],
      anchors,
      legacy
    )
    expect(sure?.grade).toBe(unsure?.grade)
    expect(unsure?.confidence).toBeLessThan(sure?.confidence ?? 0)
    // θ = 0 with SE 3: kernel variance 10, weights e^−0.2 : 1 : e^−0.2, so P(C-) ≈ 0.38.
    const [vague] = projectGrades([{ essayId: "vague", theta: 0, standardError: 3 }], anchors, legacy)
    expect(vague?.confidence).toBeCloseTo(1 / (1 + 2 * Math.exp(-0.2)), 12)
    expect(vague?.confidenceLabel).toBe("LOW")
  })

  it("pools grades whose anchors came out in the wrong order instead of projecting against the scale", () => {
    const crossed = [
      { essayId: "ANCHOR_1_aaaaaaaa", grade: "E+", theta: 0.5 },
      { essayId: "ANCHOR_2_bbbbbbbb", grade: "C-", theta: -0.5 },
      { essayId: "ANCHOR_3_cccccccc", grade: "A", theta: 3 }
    ]
    const centres = gradeCentres(crossed, legacy)
    expect(centres.map((centre) => centre.theta)).toEqual([0, 0, 3])
    const [low] = projectGrades([{ essayId: "low", theta: -4, standardError: 0.3 }], crossed, legacy)
    expect(low?.probabilities["E+"]).toBeCloseTo(low?.probabilities["C-"] ?? 0, 12)
    expect(low?.grade).toBe("E+")
  })

  it("projects nothing without anchors and labels confidence by the documented thresholds", () => {
    expect(projectGrades([{ essayId: "s", theta: 0, standardError: 1 }], [], legacy)).toEqual([])
    expect([confidenceLabel(0.9), confidenceLabel(0.75), confidenceLabel(0.6), confidenceLabel(0.49)]).toEqual(["HIGH", "HIGH", "MID", "LOW"])
  })
})
