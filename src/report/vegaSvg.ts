import type { TopLevelSpec } from "vega-lite"

/**
 * A Vega-Lite chart compiled and rendered to an SVG string in Node: no canvas, no browser, no
 * network. Vega is loaded on first use: it takes a third of a second, which every command that
 * can finish a run (and fail fast before it) would otherwise pay at start-up.
 */
export const renderSvg = async (spec: TopLevelSpec, options: { readonly hoverTitles?: boolean } = {}): Promise<string> => {
  const [{ parse, View }, { compile }] = await Promise.all([import("vega"), import("vega-lite")])
  const view = new View(parse(compile(spec).spec), { renderer: "none" })
  try {
    const svg = await view.toSVG()
    return options.hoverTitles === true ? withHoverTitles(svg) : svg
  } finally {
    view.finalize()
  }
}

/**
 * A static SVG has no tooltip handler: each mark's accessible label (what its `description`
 * encoding says) becomes an SVG <title>, which browsers show on hover. The label is already
 * escaped as an attribute, which is valid text content too.
 */
const withHoverTitles = (svg: string): string =>
  svg.replace(/<(path|rect|circle)(\s[^>]*?aria-label="([^"]*)"[^>]*?role="graphics-symbol"[^>]*?)\/>/g, "<$1$2><title>$3</title></$1>")

export type { TopLevelSpec }
