import { parse, View } from "vega"
import { compile, type TopLevelSpec } from "vega-lite"

/** A Vega-Lite chart compiled and rendered to an SVG string in Node: no canvas, no browser, no network. */
export const renderSvg = async (spec: TopLevelSpec): Promise<string> => {
  const view = new View(parse(compile(spec).spec), { renderer: "none" })
  try {
    return await view.toSVG()
  } finally {
    view.finalize()
  }
}

export type { TopLevelSpec }
