/**
 * The text of a Word document's main part (`word/document.xml`) as the writer sees it; the
 * rules are listed in docs/differences.md ("Text as the writer sees it"). A single pass over
 * the tags: Word's text lives only in `<w:t>`, and everything else that shows as text on the
 * page (breaks, tabs, hyphens, cells) is an element of its own.
 */

const WORDPROCESSINGML = ["http://schemas.openxmlformats.org/wordprocessingml/2006/main", "http://purl.oclc.org/ooxml/wordprocessingml/main"]
// Properties hold look-alikes of content (`<w:tab>` tab stops); a Fallback repeats its Choice.
const SKIPPED = new Set(["pPr", "rPr", "sectPr", "tblPr", "trPr", "tcPr", "tblGrid", "Fallback"])
const ENTITY: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" }
const TAG = /<(\/?)([^\s/>!?]+)([^>]*?)(\/?)>|<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<[?!][^>]*>/g

const decodeEntities = (text: string): string =>
  text.includes("&")
    ? text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, name: string) =>
        name.startsWith("#x") ? String.fromCodePoint(Number.parseInt(name.slice(2), 16))
        : name.startsWith("#") ? String.fromCodePoint(Number.parseInt(name.slice(1), 10))
        : ENTITY[name] ?? whole
      )
    : text

/** The prefix the document binds to WordprocessingML (`w` in everything Word writes; "" if the default). */
const wordPrefix = (xml: string): string => {
  const declarations = xml.slice(0, 4096).matchAll(/xmlns(?::([\w.-]+))?="([^"]+)"/g)
  for (const [, prefix, uri] of declarations) if (WORDPROCESSINGML.includes(uri ?? "")) return prefix ?? ""
  return "w"
}

/** Cells of the rows being read, innermost table last; each cell is its text so far. */
interface Table {
  row: string[]
}

export const documentXmlToText = (xml: string): string => {
  const w = wordPrefix(xml)
  const document: string[] = []
  const cells: string[][] = []
  const tables: Table[] = []
  const out = () => cells.at(-1) ?? document
  let inText = false
  let skipping = 0
  let last = 0

  for (const match of xml.matchAll(TAG)) {
    if (inText && skipping === 0) out().push(decodeEntities(xml.slice(last, match.index)))
    last = match.index + match[0].length
    const [, closing, qualified, , selfClosing] = match
    if (match[5] !== undefined && inText && skipping === 0) out().push(match[5])
    if (qualified === undefined) continue
    const colon = qualified.indexOf(":")
    const local = qualified.slice(colon + 1)
    const inWord = (colon < 0 ? "" : qualified.slice(0, colon)) === w
    if (SKIPPED.has(local) && (inWord || local === "Fallback")) {
      if (selfClosing === "") skipping += closing === "" ? 1 : -1
      continue
    }
    if (skipping > 0 || !inWord) continue
    if (closing === "/") {
      if (local === "t") inText = false
      else if (local === "p") out().push(cells.length > 0 ? "\n" : "\n\n")
      else if (local === "tc") tables.at(-1)?.row.push(flattenCell(cells.pop() ?? []))
      else if (local === "tr") endRow(tables.at(-1), cells.at(-1) ?? document)
      else if (local === "tbl") {
        tables.pop()
        out().push("\n")
      }
      continue
    }
    switch (local) {
      case "t":
        inText = selfClosing === ""
        break
      case "p":
        if (selfClosing === "/") out().push(cells.length > 0 ? "\n" : "\n\n")
        break
      case "br":
      case "cr":
        out().push("\n")
        break
      case "tab":
      case "ptab":
        out().push("\t")
        break
      case "noBreakHyphen":
        out().push("-")
        break
      case "tbl":
        tables.push({ row: [] })
        break
      case "tc":
        if (selfClosing === "/") tables.at(-1)?.row.push("")
        else cells.push([])
        break
    }
  }
  // No-break spaces show as spaces; a soft hyphen shows only where Word happens to wrap the line.
  return document.join("").replace(/[\u00a0\u2007\u202f]/g, " ").replaceAll("\u00ad", "")
}

/** A cell's paragraphs and line breaks run on with spaces, so a row stays on one line. */
const flattenCell = (parts: ReadonlyArray<string>): string => parts.join("").replace(/\s*\n\s*/g, " ").trim()

/** One line per row, cells separated by a tab. */
const endRow = (table: Table | undefined, into: string[]) => {
  if (table === undefined) return
  into.push(`${table.row.join("\t")}\n`)
  table.row = []
}
