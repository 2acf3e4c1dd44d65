import { SaxesParser, type SaxesTagPlain } from "saxes"

/**
 * The text of a Word document's main part (`word/document.xml`) as the writer sees it; the
 * rules are listed in docs/differences.md ("Text as the writer sees it"). One pass of a
 * streaming XML parser (saxes): Word's text lives only in `<w:t>`, and everything else that
 * shows as text on the page (breaks, tabs, hyphens, cells) is an element of its own.
 */

const WORDPROCESSINGML = new Set(["http://schemas.openxmlformats.org/wordprocessingml/2006/main", "http://purl.oclc.org/ooxml/wordprocessingml/main"])
// Properties hold look-alikes of content (`<w:tab>` tab stops); a Fallback repeats its Choice.
const SKIPPED = new Set(["pPr", "rPr", "sectPr", "tblPr", "trPr", "tcPr", "tblGrid"])

/** An element's prefix and local name (`w:t` → ["w", "t"]). */
const nameOf = (tag: SaxesTagPlain): readonly [string, string] => {
  const colon = tag.name.indexOf(":")
  return colon < 0 ? ["", tag.name] : [tag.name.slice(0, colon), tag.name.slice(colon + 1)]
}

/** The prefix the root element binds to WordprocessingML (`w` in everything Word writes; "" if the default). */
const wordPrefixOf = (root: SaxesTagPlain): string => {
  for (const [name, value] of Object.entries(root.attributes)) {
    if (WORDPROCESSINGML.has(value) && (name === "xmlns" || name.startsWith("xmlns:"))) return name === "xmlns" ? "" : name.slice("xmlns:".length)
  }
  return "w"
}

/** Cells of the row being read; each cell is its text so far. */
interface Table {
  row: string[]
}

/** A cell's paragraphs and line breaks run on with spaces, so a row stays on one line. */
const flattenCell = (parts: ReadonlyArray<string>): string => parts.join("").replace(/\s*\n\s*/g, " ").trim()

export const documentXmlToText = (xml: string): string => {
  const document: string[] = []
  const cells: string[][] = []
  const tables: Table[] = []
  const out = () => cells.at(-1) ?? document
  let inText = false
  let skipping = 0
  // Namespaces are resolved from the root's declarations only: twice as fast as resolving every element, and Word declares them there.
  let w: string | undefined
  const parser = new SaxesParser()
  /** The element's local name when it is WordprocessingML outside skipped properties; null otherwise. Counts skipped depth. */
  const wordElement = (tag: SaxesTagPlain, opening: boolean): string | null => {
    w ??= wordPrefixOf(tag)
    const [prefix, local] = nameOf(tag)
    const inWord = prefix === w
    if (local === "Fallback" || (inWord && SKIPPED.has(local))) {
      skipping += opening ? 1 : -1
      return null
    }
    return skipping > 0 || !inWord ? null : local
  }
  parser.on("opentag", (tag) => {
    switch (wordElement(tag, true)) {
      case "t":
        inText = true
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
        cells.push([])
        break
    }
  })
  parser.on("closetag", (tag) => {
    const table = tables.at(-1)
    switch (wordElement(tag, false)) {
      case "t":
        inText = false
        break
      case "p":
        out().push(cells.length > 0 ? "\n" : "\n\n")
        break
      case "tc":
        table?.row.push(flattenCell(cells.pop() ?? []))
        break
      case "tr":
        // One line per row, cells separated by a tab.
        if (table !== undefined) {
          out().push(`${table.row.join("\t")}\n`)
          table.row = []
        }
        break
      case "tbl":
        tables.pop()
        out().push("\n")
        break
    }
  })
  const take = (text: string) => {
    if (inText && skipping === 0) out().push(text)
  }
  parser.on("text", take)
  parser.on("cdata", take)
  parser.write(xml).close()
  // No-break spaces show as spaces; a soft hyphen shows only where Word happens to wrap the line.
  return document.join("").replace(/[\u00a0\u2007\u202f]/g, " ").replaceAll("\u00ad", "")
}

const OFFICE_DOCUMENT = /\/officeDocument$/

/** The main part's name from the package relationships (`word/document.xml` when Word wrote it). */
export const mainPartName = (rels: string): string => {
  let target: string | undefined
  const parser = new SaxesParser()
  parser.on("opentag", (tag) => {
    const type = tag.attributes["Type"]
    if (target === undefined && tag.name.endsWith("Relationship") && typeof type === "string" && OFFICE_DOCUMENT.test(type)) {
      const found = tag.attributes["Target"]
      if (typeof found === "string") target = found.replace(/^\/+/, "")
    }
  })
  parser.write(rels).close()
  return target ?? "word/document.xml"
}
