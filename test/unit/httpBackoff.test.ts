import { assert, describe, it } from "vitest"
import { backoffMillis } from "../../src/layers/http/httpClient.js"

describe("retry backoff", () => {
  const policy = { maxAttempts: 6, baseDelayMillis: 100, maxDelayMillis: 1_000 }

  it("doubles per failed attempt, jitters within the upper half of the step, and stops at the cap", () => {
    assert.deepStrictEqual([1, 2, 3, 4, 5].map((n) => backoffMillis(policy, n, () => 0)), [50, 100, 200, 400, 500])
    assert.deepStrictEqual([1, 2, 3, 4, 5].map((n) => backoffMillis(policy, n, () => 1)), [100, 200, 400, 800, 1_000])
  })
})
