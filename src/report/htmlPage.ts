import { type ChartSpec } from "./runCharts.js"
import { renderSvg } from "./vegaSvg.js"

export const escapeHtml = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")

const STYLE = `body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:72rem;color:#222}
h1{font-size:1.5rem}h2{font-size:1.1rem;margin-top:2rem}table{border-collapse:collapse;margin:1rem 0}
td,th{border:1px solid #ccc;padding:.25rem .6rem;text-align:left;overflow-wrap:anywhere}figure{margin:1rem 0}.meta{color:#555}
.empty{color:#555;font-style:italic}
.sandbox-banner{background:#fff3cd;border:2px solid #b58100;padding:.75rem 1rem;font-size:1.1rem}`

/** Each chart as a figure with its SVG inline: the page needs no script and no network. */
export const renderFigures = async (charts: ReadonlyArray<ChartSpec>): Promise<string> => {
  const figures = await Promise.all(
    charts.map(
      async (chart) =>
        `<figure class="chart" data-chart="${escapeHtml(chart.id)}"><h2>${escapeHtml(chart.title)}</h2>${chart.empty === undefined ? await renderSvg(chart.spec, { hoverTitles: chart.hoverTitles === true }) : `<p class="empty">${escapeHtml(chart.empty)}</p>`}</figure>`
    )
  )
  return figures.join("\n")
}

/** A whole, self-contained HTML document. `body` is trusted HTML built by eng5. */
export const htmlPage = (title: string, body: string): string =>
  `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><h1>${escapeHtml(title)}</h1>
${body}
</body></html>
`

export const htmlTable = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string | number>>): string =>
  `<table><thead><tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead><tbody>${rows
    .map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(String(cell))}</td>`).join("")}</tr>`)
    .join("")}</tbody></table>`
