import type { TopLevelSpec } from "vega-lite"

/**
 * A Vega-Lite chart compiled and rendered to an SVG string in Node: no canvas, no browser, no
 * network. Vega is loaded on first use: it takes a third of a second, which every command that
 * can finish a run (and fail fast before it) would otherwise pay at start-up.
 */
export const renderSvg = async (spec: TopLevelSpec): Promise<string> => {
  const [{ parse, View }, { compile }] = await Promise.all([import("vega"), import("vega-lite")])
  const view = new View(parse(compile(spec).spec), { renderer: "none" })
  try {
    return await view.toSVG()
  } finally {
    view.finalize()
  }
}

export type { TopLevelSpec }
