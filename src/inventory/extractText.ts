import { extname } from "node:path"
import { documentXmlToText, mainPartName } from "./docxText.js"
import { DEFAULT_ESSAY_LIMITS, describeBytes, type EssayLimits } from "./limits.js"
import { openZip, type ZipArchive, ZipEntryTooLarge } from "./zipEntries.js"

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

const WORD_NOT_READABLE = "re-save it as .docx"

const xmlText = (bytes: Buffer): string =>
  bytes[0] === 0xff && bytes[1] === 0xfe ? new TextDecoder("utf-16le").decode(bytes) : bytes.toString("utf8")

/** Reads the main part only, inflated up to `maxDocxXmlBytes`; paragraphs become blank-line separated. */
const fromDocx = async (bytes: Uint8Array, limits: EssayLimits): Promise<Extraction> => {
  const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  // Word saves a password-protected document as an OLE compound file, not a zip.
  if (zip.length >= 4 && zip.readUInt32BE(0) === 0xd0cf11e0) {
    return { ok: false, problem: "is password-protected, or an old .doc named .docx; remove the password or save it again as .docx" }
  }
  let archive: ZipArchive | undefined
  try {
    archive = await openZip(zip)
    const rels = await archive.read("_rels/.rels", limits.maxDocxXmlBytes)
    const main = mainPartName(rels === undefined ? "" : xmlText(rels))
    const document = await archive.read(main, limits.maxDocxXmlBytes)
    if (document === undefined) return { ok: false, problem: `is not a readable Word document (it has no ${main}); ${WORD_NOT_READABLE}` }
    return { ok: true, text: documentXmlToText(xmlText(document)) }
  } catch (error) {
    if (error instanceof ZipEntryTooLarge) {
      return {
        ok: false,
        problem: `inflates to more than ${describeBytes(error.limit)} of Word XML (${error.entry}), far beyond any essay; check the file, or raise --max-docx-xml-mb`
      }
    }
    return { ok: false, problem: `is not a readable Word document (${describe(error)}); ${WORD_NOT_READABLE}` }
  } finally {
    archive?.close()
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
export const extractText = async (fileName: string, bytes: Uint8Array, limits: EssayLimits = DEFAULT_ESSAY_LIMITS): Promise<Extraction> => {
  const extension = extname(fileName).toLowerCase()
  const raw =
    extension === ".docx" ? await fromDocx(bytes, limits)
    : extension === ".pdf" ? await fromPdf(bytes)
    : extension === ".txt" || extension === ".md" ? fromPlainText(bytes)
    : { ok: false as const, problem: `has an unsupported extension ${extension}; use .txt, .md, .docx or .pdf` }
  if (!raw.ok) return raw
  const text = normalise(raw.text)
  if (text.length > limits.maxTextChars) {
    return {
      ok: false,
      problem: `holds ${text.length.toLocaleString("en")} characters of text, more than the ${limits.maxTextChars.toLocaleString("en")} an essay may have; check the file, or raise --max-text-chars`
    }
  }
  return text === "" ? { ok: false, problem: "contains no text after extraction; remove it or add the essay text" } : { ok: true, text }
}
