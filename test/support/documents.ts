/**
 * Tiny, dependency-light builders for the document formats the CLI has to read:
 * Word `.docx` (a zip of OOXML parts) and PDF 1.4.
 *
 * Everything here is deterministic: the same input always yields byte-identical
 * output, so fixtures and generated example datasets can be checked into git
 * and compared by checksum.
 */
import { strToU8, zipSync, type Zippable } from "fflate";

// ---------------------------------------------------------------------------
// Zip helpers
// ---------------------------------------------------------------------------

/**
 * Zip entries store an MS-DOS timestamp, which fflate derives from the *local*
 * calendar fields of the Date. Building the Date from local fields (rather than
 * from an epoch value) therefore gives the same DOS timestamp in every time zone.
 * Noon on a date far from any DST switch keeps it unambiguous.
 */
const fixedZipMtime = (): Date => new Date(2017, 2, 15, 12, 0, 0);

const zipDeterministic = (entries: ReadonlyArray<readonly [string, string]>): Uint8Array => {
  const files: Zippable = {};
  for (const [name, content] of entries) {
    files[name] = strToU8(content);
  }
  return zipSync(files, { level: 6, mtime: fixedZipMtime(), os: 0, attrs: 0 });
};

// ---------------------------------------------------------------------------
// DOCX
// ---------------------------------------------------------------------------

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const CONTENT_TYPES_XML =
  XML_DECLARATION +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ' +
  'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  "</Types>";

const PACKAGE_RELS_XML =
  XML_DECLARATION +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" ' +
  'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" ' +
  'Target="word/document.xml"/>' +
  "</Relationships>";

const DOCUMENT_RELS_XML =
  XML_DECLARATION +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';

/** XML 1.0 forbids C0 controls other than TAB/LF/CR, U+FFFE/U+FFFF and lone surrogates. */
const isXmlSafe = (text: string): boolean => {
  if (!text.isWellFormed()) return false;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0xfffe || code === 0xffff) {
      return false;
    }
  }
  return true;
};

/** Escape text for use in XML character data or attribute values. */
export const escapeXml = (text: string): string => {
  if (!isXmlSafe(text)) {
    throw new RangeError("Text contains characters that are not allowed in XML 1.0");
  }
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
};

const docxParagraph = (paragraph: string): string => {
  const lines = paragraph.replaceAll("\r\n", "\n").split("\n");
  if (lines.length === 1 && lines[0] === "") {
    return "<w:p/>";
  }
  // A line break inside a paragraph becomes <w:br/>, as Word itself writes it.
  const runs = lines
    .map((line) => `<w:r><w:t xml:space="preserve">${escapeXml(line)}</w:t></w:r>`)
    .join("<w:r><w:br/></w:r>");
  return `<w:p>${runs}</w:p>`;
};

const documentXml = (bodyXml: string): string =>
  XML_DECLARATION +
  '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
  'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">' +
  "<w:body>" +
  bodyXml +
  '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>' +
  '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/>' +
  "</w:sectPr>" +
  "</w:body></w:document>";

/**
 * A minimal but valid Word document with one paragraph per entry.
 * `\n` inside an entry becomes a line break (`<w:br/>`) within that paragraph;
 * (mammoth's `extractRawText` drops such breaks; eng5's reader keeps them as newlines).
 * An empty string becomes an empty paragraph.
 */
export const makeDocx = (paragraphs: readonly string[]): Uint8Array => makeDocxFromBody(paragraphs.map(docxParagraph).join(""));

/**
 * A Word document whose `<w:body>` is the given WordprocessingML (prefix `w:`, and `mc:` for
 * markup compatibility), for the cases a list of paragraphs cannot express: tabs, tables,
 * runs split mid-word, soft hyphens, breaks of every kind.
 */
export const makeDocxFromBody = (bodyXml: string): Uint8Array =>
  zipDeterministic([
    ["[Content_Types].xml", CONTENT_TYPES_XML],
    ["_rels/.rels", PACKAGE_RELS_XML],
    ["word/document.xml", documentXml(bodyXml)],
    ["word/_rels/document.xml.rels", DOCUMENT_RELS_XML],
  ]);

/** `<w:r>` runs, one per piece of text, in one paragraph. */
export const docxRuns = (...pieces: readonly string[]): string =>
  `<w:p>${pieces.map((piece) => `<w:r><w:t xml:space="preserve">${escapeXml(piece)}</w:t></w:r>`).join("")}</w:p>`;

/** A well-formed zip that claims to be a Word document but has no `word/document.xml`. */
export const corruptDocx = (): Uint8Array =>
  zipDeterministic([
    ["[Content_Types].xml", CONTENT_TYPES_XML],
    ["_rels/.rels", PACKAGE_RELS_XML],
  ]);

// ---------------------------------------------------------------------------
// PDF
// ---------------------------------------------------------------------------

/** Unicode code points of the WinAnsiEncoding bytes 0x80–0x9F (where it differs from Latin-1). */
const WIN_ANSI_HIGH: ReadonlyMap<number, number> = new Map([
  [0x20ac, 0x80], [0x201a, 0x82], [0x0192, 0x83], [0x201e, 0x84], [0x2026, 0x85],
  [0x2020, 0x86], [0x2021, 0x87], [0x02c6, 0x88], [0x2030, 0x89], [0x0160, 0x8a],
  [0x2039, 0x8b], [0x0152, 0x8c], [0x017d, 0x8e], [0x2018, 0x91], [0x2019, 0x92],
  [0x201c, 0x93], [0x201d, 0x94], [0x2022, 0x95], [0x2013, 0x96], [0x2014, 0x97],
  [0x02dc, 0x98], [0x2122, 0x99], [0x0161, 0x9a], [0x203a, 0x9b], [0x0153, 0x9c],
  [0x017e, 0x9e], [0x0178, 0x9f],
]);

const winAnsiByte = (char: string): number => {
  const code = char.codePointAt(0) ?? 0;
  if (code === 0x09) return 0x20; // tab -> space
  if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)) return code;
  const mapped = WIN_ANSI_HIGH.get(code);
  if (mapped !== undefined) return mapped;
  throw new RangeError(
    `makePdf supports WinAnsi (Latin-1) text only; got U+${code.toString(16).toUpperCase().padStart(4, "0")}`,
  );
};

/** A PDF literal string `( … )` in pure ASCII: `( ) \` escaped, non-ASCII bytes as octal escapes. */
const pdfLiteral = (text: string): string => {
  let out = "(";
  for (const char of text) {
    const byte = winAnsiByte(char);
    if (byte === 0x28 || byte === 0x29 || byte === 0x5c) {
      out += `\\${String.fromCharCode(byte)}`;
    } else if (byte >= 0x80) {
      out += `\\${byte.toString(8).padStart(3, "0")}`;
    } else {
      out += String.fromCharCode(byte);
    }
  }
  return `${out})`;
};

/** Greedy word wrap so long lines stay on an A4 page (roughly 80 Helvetica 11pt characters). */
const wrapLine = (line: string, width: number): string[] => {
  const words = line.split(/\s+/u).filter((word) => word !== "");
  if (words.length === 0) return [""];
  const wrapped: string[] = [];
  let current = "";
  for (const word of words) {
    if (current === "") {
      current = word;
    } else if (current.length + 1 + word.length <= width) {
      current += ` ${word}`;
    } else {
      wrapped.push(current);
      current = word;
    }
  }
  wrapped.push(current);
  return wrapped;
};

const PAGE_WIDTH = 595; // A4 in points
const PAGE_HEIGHT = 842;
const MARGIN = 72;
const FONT_SIZE = 11;
const LEADING = 14;
const WRAP_WIDTH = 80;
const LINES_PER_PAGE = Math.floor((PAGE_HEIGHT - 2 * MARGIN) / LEADING); // 50

const pageContent = (lines: readonly string[]): string => {
  const ops = [`BT`, `/F1 ${FONT_SIZE} Tf`, `${MARGIN} ${PAGE_HEIGHT - MARGIN} Td`];
  lines.forEach((line, index) => {
    if (index > 0) ops.push(`0 -${LEADING} Td`);
    if (line !== "") ops.push(`${pdfLiteral(line)} Tj`);
  });
  ops.push("ET");
  return `${ops.join("\n")}\n`;
};

/** Object numbers: 1 catalog, 2 page tree, 3 font, then a (page, content) pair per page. */
const pageObjectNumber = (index: number): number => 4 + index * 2;

/**
 * A minimal, valid PDF 1.4: A4 pages, the standard Helvetica Type1 font with
 * WinAnsiEncoding, one `Tj` per (wrapped) line, a correct cross-reference table.
 * Lines longer than ~80 characters are word-wrapped; an empty string is a blank line.
 * Throws RangeError for characters outside WinAnsi/Latin-1.
 */
export const makePdf = (lines: readonly string[]): Uint8Array => {
  const wrapped = lines.flatMap((line) => wrapLine(line, WRAP_WIDTH));
  const pages: string[][] = [];
  for (let i = 0; i < wrapped.length; i += LINES_PER_PAGE) {
    pages.push(wrapped.slice(i, i + LINES_PER_PAGE));
  }
  if (pages.length === 0) pages.push([]);

  const objects: string[] = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    `<< /Type /Pages /Kids [${pages.map((_, i) => `${pageObjectNumber(i)} 0 R`).join(" ")}] /Count ${pages.length} >>`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
  ];
  pages.forEach((pageLines, i) => {
    const content = pageContent(pageLines);
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] ` +
        `/Resources << /Font << /F1 3 0 R >> >> /Contents ${pageObjectNumber(i) + 1} 0 R >>`,
    );
    // The content is pure ASCII, so its string length is its byte length.
    objects.push(`<< /Length ${content.length} >>\nstream\n${content}endstream`);
  });

  // The whole file is ASCII, so string offsets are byte offsets.
  let pdf = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xrefOffset = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) {
    pdf += `${offset.toString().padStart(10, "0")} 00000 n \n`;
  }
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return strToU8(pdf);
};

/** Bytes that start like a PDF but are truncated garbage: no objects, no xref, no trailer. */
export const corruptPdf = (): Uint8Array =>
  strToU8("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Cat\u0000\u0001\u00ff\u00fe garbage ]]>> 9 9 R st", true);
