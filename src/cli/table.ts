/** A plain-text table: header, rule, rows; columns padded to their widest cell. */
export const table = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string | number>>): string => {
  const cells = [header, ...rows.map((r) => r.map(String))]
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)))
  const line = (r: ReadonlyArray<string>) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ").trimEnd()
  return [line(cells[0] ?? []), widths.map((w) => "─".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n")
}

export const kib = (bytes: number): string => (bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`)

/** The most columns eng5's tables take, also on a wider terminal: lines stay readable and fit a 100-column window. */
export const MAX_TABLE_WIDTH = 100

/** The width to lay text out in: the terminal's (stdout) up to MAX_TABLE_WIDTH; MAX_TABLE_WIDTH when it reports none or 0. */
export const terminalWidth = (columns: number | undefined = process.stdout.columns): number =>
  columns === undefined || columns <= 0 ? MAX_TABLE_WIDTH : Math.min(columns, MAX_TABLE_WIDTH)

/** Words laid into lines of at most `width` characters; a word longer than a line (a URL) is cut. */
export const wrapText = (text: string, width: number): ReadonlyArray<string> => {
  const lines: Array<string> = []
  let line = ""
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    let rest = word
    while (rest.length > width) {
      if (line !== "") lines.push(line)
      lines.push(rest.slice(0, width))
      rest = rest.slice(width)
      line = ""
    }
    if (line === "") line = rest
    else if (line.length + 1 + rest.length <= width) line = `${line} ${rest}`
    else {
      lines.push(line)
      line = rest
    }
  }
  if (line !== "" || lines.length === 0) lines.push(line)
  return lines
}

/** A table whose last column wraps so that no line is wider than `width`. */
export const wrappedTable = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>, width: number): string => {
  const fixed = header.slice(0, -1).map((_, i) => Math.max(...[header, ...rows].map((r) => (r[i] ?? "").length)))
  const indent = fixed.reduce((sum, w) => sum + w + 2, 0)
  const lastWidth = Math.max(20, width - indent)
  const line = (cells: ReadonlyArray<string>) => cells.map((c, i) => (i < fixed.length ? c.padEnd(fixed[i] ?? 0) : c)).join("  ").trimEnd()
  const body = rows.flatMap((row) => {
    const [first, ...more] = wrapText(row.at(-1) ?? "", lastWidth)
    return [line([...row.slice(0, -1), first ?? ""]), ...more.map((text) => `${" ".repeat(indent)}${text}`)]
  })
  return [line(header), [...fixed, Math.min(lastWidth, Math.max(header.at(-1)?.length ?? 0, ...rows.map((r) => (r.at(-1) ?? "").length)))].map((w) => "─".repeat(w)).join("  "), ...body].join("\n")
}
