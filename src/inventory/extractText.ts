import { extname } from "node:path"

export const ESSAY_EXTENSIONS = [".txt", ".md", ".docx", ".pdf"] as const

export const isEssayFileName = (fileName: string): boolean =>
  !fileName.startsWith("~$") &&
  !fileName.startsWith(".") &&
  (ESSAY_EXTENSIONS as ReadonlyArray<string>).includes(extname(fileName).toLowerCase())

export type Extraction =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly problem: string }

const utf8 = new TextDecoder("utf-8", { fatal: true })

/** Line endings to `\n`, trailing spaces off every line, blank runs collapsed to one empty line. */
const normalise = (text: string): string =>
  text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim()

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "unknown error"

const fromPlainText = (bytes: Uint8Array): Extraction => {
  try {
    return { ok: true, text: utf8.decode(bytes) }
  } catch {
    return { ok: false, problem: "is not valid UTF-8 text; save it as UTF-8" }
  }
}

/** Paragraph-aware: mammoth keeps each Word paragraph as its own line, separated by a blank line. */
const fromDocx = async (bytes: Uint8Array): Promise<Extraction> => {
  const mammoth = (await import("mammoth")).default
  try {
    const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) })
    return { ok: true, text: result.value }
  } catch (error) {
    return { ok: false, problem: `is not a readable Word document (${describe(error)}); re-save it as .docx` }
  }
}

const fromPdf = async (bytes: Uint8Array): Promise<Extraction> => {
  const { extractText, getDocumentProxy } = await import("unpdf")
  try {
    // verbosity 0 keeps pdf.js from printing its own warnings on the operator's terminal
    const document = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 })
    const { text } = await extractText(document, { mergePages: true })
    return { ok: true, text }
  } catch (error) {
    return { ok: false, problem: `is not a readable PDF (${describe(error)}); export it again as PDF or save it as .docx/.txt` }
  }
}

/** Extracts the text CJ will judge. Never throws: an unusable file becomes a problem to report. */
export const extractText = async (fileName: string, bytes: Uint8Array): Promise<Extraction> => {
  const extension = extname(fileName).toLowerCase()
  const raw =
    extension === ".docx" ? await fromDocx(bytes)
    : extension === ".pdf" ? await fromPdf(bytes)
    : extension === ".txt" || extension === ".md" ? fromPlainText(bytes)
    : { ok: false as const, problem: `has an unsupported extension ${extension}; use .txt, .md, .docx or .pdf` }
  if (!raw.ok) return raw
  const text = normalise(raw.text)
  return text === "" ? { ok: false, problem: "contains no text after extraction; remove it or add the essay text" } : { ok: true, text }
}
