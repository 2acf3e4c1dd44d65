import { describe, expect, it } from "vitest"
import { boardStyleFor } from "../../../src/cli/experimentFlags.js"

describe("the experiment's progress view", () => {
  it("redraws every batch's row only where `eng5 run` would animate: a terminal that is not TERM=dumb and reports a width", () => {
    expect(boardStyleFor({ isTTY: true, columns: 120, term: "xterm-256color" })).toBe("board")
    expect(boardStyleFor({ isTTY: true, columns: 120, term: "dumb" })).toBe("lines")
    expect(boardStyleFor({ isTTY: true, columns: 0, term: "xterm-256color" })).toBe("lines")
    expect(boardStyleFor({ isTTY: false, columns: undefined, term: "xterm-256color" })).toBe("lines")
  })
})
