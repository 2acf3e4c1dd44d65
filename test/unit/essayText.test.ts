import { deflateRawSync } from "node:zlib"
import { describe, expect, it } from "vitest"
import { extractText } from "../../src/inventory/extractText.js"
import { DEFAULT_ESSAY_LIMITS } from "../../src/inventory/limits.js"
import { docxRuns, makeDocx, makeDocxFromBody, makePdf } from "../support/documents.js"

const textOf = async (fileName: string, bytes: Uint8Array | string, limits = DEFAULT_ESSAY_LIMITS) => {
  const extraction = await extractText(fileName, typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes, limits)
  if (!extraction.ok) throw new Error(extraction.problem)
  return extraction.text
}
/** The archive with `name`'s uncompressed size declared as `size` in its local and central headers. */
const declaringSize = (zip: Uint8Array, name: string, size: number): Uint8Array => {
  const bytes = Buffer.from(zip)
  for (const [signature, sizeAt, nameLengthAt, nameAt] of [[0x04034b50, 22, 26, 30], [0x02014b50, 24, 28, 46]] as const) {
    for (let at = bytes.indexOf(Buffer.from([0x50, 0x4b])); at !== -1; at = bytes.indexOf(Buffer.from([0x50, 0x4b]), at + 1)) {
      if (bytes.readUInt32LE(at) !== signature) continue
      if (bytes.toString("utf8", at + nameAt, at + nameAt + bytes.readUInt16LE(at + nameLengthAt)) === name) bytes.writeUInt32LE(size, at + sizeAt)
    }
  }
  return bytes
}
const docxText = (body: string) => textOf("essay.docx", makeDocxFromBody(body))
const run = (inner: string) => `<w:r>${inner}</w:r>`
const t = (text: string) => `<w:t xml:space="preserve">${text}</w:t>`
const cell = (...paragraphs: string[]) => `<w:tc><w:tcPr><w:tcW w:w="2000"/></w:tcPr>${paragraphs.map((p) => docxRuns(p)).join("")}</w:tc>`
const box = (text: string) => `<w:txbxContent>${docxRuns(text)}</w:txbxContent>`

describe("Word text as the writer sees it", () => {
  it("keeps paragraphs apart with a blank line", async () => {
    expect(await textOf("e.docx", makeDocx(["First paragraph.", "", "Second paragraph."]))).toBe("First paragraph.\n\nSecond paragraph.")
  })

  it("turns a line break or carriage return inside a paragraph into a newline", async () => {
    expect(await textOf("e.docx", makeDocx(["Line one\nLine two"]))).toBe("Line one\nLine two")
    expect(await docxText(`<w:p>${run(`${t("Line one")}<w:cr/>${t("Line two")}`)}</w:p>`)).toBe("Line one\nLine two")
    expect(await docxText(`<w:p>${run(t("Page one"))}${run('<w:br w:type="page"/>')}${run(t("Page two"))}</w:p>`)).toBe("Page one\nPage two")
  })

  it("keeps tabs, but not the tab stops of the paragraph's properties", async () => {
    const body = `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>${run(`${t("Name:")}<w:tab/>${t("Åsa")}`)}</w:p>`
    expect(await docxText(body)).toBe("Name:\tÅsa")
  })

  it("joins text split across runs mid-word, with formatting and proofing marks between", async () => {
    const body = `<w:p>${run(t("disap"))}<w:proofErr w:type="spellStart"/><w:r><w:rPr><w:b/></w:rPr>${t("poin")}</w:r><w:bookmarkStart w:id="0" w:name="x"/>${run(t("ted"))}</w:p>`
    expect(await docxText(body)).toBe("disappointed")
  })

  it("writes no-break spaces as spaces, drops soft hyphens and keeps non-breaking hyphens", async () => {
    expect(await docxText(docxRuns("50\u00a0kr and 10\u202f%", " co\u00adoperate"))).toBe("50 kr and 10 % cooperate")
    expect(await docxText(`<w:p>${run(`${t("co")}<w:softHyphen/>${t("operate e")}<w:noBreakHyphen/>${t("mail")}`)}</w:p>`)).toBe("cooperate e-mail")
  })

  it("writes a table as one line per row with its cells separated by tabs", async () => {
    const body = `${docxRuns("Before.")}<w:tbl><w:tblPr/><w:tblGrid/><w:tr>${cell("Pros")}${cell("Cons")}</w:tr><w:tr>${cell("Money", "Experience")}${cell("Less rest")}</w:tr></w:tbl>${docxRuns("After.")}`
    expect(await docxText(body)).toBe("Before.\n\nPros\tCons\nMoney Experience\tLess rest\n\nAfter.")
  })

  it("reads each text box once, not again from its fallback copy, and decodes entities", async () => {
    const body = `<w:p>${run(`${t("Tom &amp; Åsa &#8211; &#x263A;")}<mc:AlternateContent><mc:Choice>${box("Boxed")}</mc:Choice><mc:Fallback>${box("Boxed")}</mc:Fallback></mc:AlternateContent>`)}</w:p>`
    expect(await docxText(body)).toBe("Tom & Åsa – ☺Boxed")
  })

  it("leaves deleted text and field codes out", async () => {
    const body = `<w:p><w:del>${run("<w:delText>old</w:delText>")}</w:del><w:ins>${run(t("new "))}</w:ins>${run('<w:instrText> PAGE </w:instrText>')}${run(t("text"))}</w:p>`
    expect(await docxText(body)).toBe("new text")
  })
})

describe("other formats", () => {
  it("reads a PDF's words with its line ends", async () => {
    expect(await textOf("e.pdf", makePdf(["First line of the essay.", "Second line, here."]))).toBe("First line of the essay.\nSecond line, here.")
  })

  it("keeps .txt and .md as written, bar line endings and trailing spaces", async () => {
    expect(await textOf("e.txt", "\uFEFFTitle\r\n\r\n\ttabbed\u00a0text co\u00adop  \r\nend")).toBe("Title\n\n\ttabbed\u00a0text co\u00adop\nend")
    expect(await textOf("e.md", "# Heading\n\n- point one\n- point two\n")).toBe("# Heading\n\n- point one\n- point two")
  })
})

describe("bounds", () => {
  it("stops inflating a Word part at the bound, even when its declared size lies", async () => {
    const limits = { ...DEFAULT_ESSAY_LIMITS, maxDocxXmlBytes: 100_000 }
    const honest = makeDocx(["x".repeat(150_000)])
    const lying = declaringSize(honest, "word/document.xml", 10)
    for (const docx of [honest, lying]) {
      expect(await extractText("big.docx", docx, limits)).toEqual({ ok: false, problem: expect.stringContaining("inflates to more than 98 KiB of Word XML (word/document.xml)") })
    }
    expect(await textOf("big.docx", lying, { ...limits, maxDocxXmlBytes: 400_000 })).toBe("x".repeat(150_000))
  })

  it("refuses an archive that is not one, naming the fix", async () => {
    expect(await extractText("torn.docx", makeDocx(["An essay."]).slice(0, 200))).toEqual({ ok: false, problem: expect.stringMatching(/is not a readable Word document \(.+\); re-save it as \.docx/) })
  })

  it("refuses a Word document that inflates past the bound, a text too long, and says which flag raises each", async () => {
    const limits = { ...DEFAULT_ESSAY_LIMITS, maxDocxXmlBytes: 1024 * 1024, maxTextChars: 1000 }
    const bomb = await extractText("bomb.docx", makeDocx(["a".repeat(2 * 1024 * 1024)]), limits)
    expect(bomb).toEqual({ ok: false, problem: expect.stringMatching(/inflates to more than 1 MiB of Word XML.*--max-docx-xml-mb/) })
    const long = await extractText("long.txt", new TextEncoder().encode("word ".repeat(400)), limits)
    expect(long).toEqual({ ok: false, problem: expect.stringMatching(/holds 1,999 characters of text, more than the 1,000.*--max-text-chars/) })
  })

  it("says a password-protected Word file is one", async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...deflateRawSync("x")])
    expect(await extractText("locked.docx", ole)).toEqual({ ok: false, problem: expect.stringContaining("password-protected") })
  })
})
