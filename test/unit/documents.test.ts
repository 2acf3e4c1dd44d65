import { strFromU8, unzipSync } from "fflate";
import mammoth from "mammoth";
import { extractText } from "unpdf";
import { describe, expect, it } from "vitest";
import { corruptDocx, corruptPdf, makeDocx, makePdf } from "../support/documents.js";

const words = (text: string): string[] => text.split(/\s+/u).filter((word) => word !== "");

describe("makeDocx", () => {
  it("round-trips through mammoth, one blank-line-separated paragraph per entry", async () => {
    const paragraphs = [
      "Should every teenager have a summer job?",
      'Fish & chips <cost> "money", don\'t they?',
      "Åsa läste en bok på café.",
    ];
    const result = await mammoth.extractRawText({ buffer: Buffer.from(makeDocx(paragraphs)) });
    expect(result.value).toBe(`${paragraphs.join("\n\n")}\n\n`);
    expect(result.messages).toEqual([]);
  });

  it("contains the expected OOXML parts and escaped text", () => {
    const entries = unzipSync(makeDocx(["a < b & c"]));
    expect(Object.keys(entries)).toEqual([
      "[Content_Types].xml",
      "_rels/.rels",
      "word/document.xml",
      "word/_rels/document.xml.rels",
    ]);
    const documentXml = strFromU8(entries["word/document.xml"] ?? new Uint8Array());
    expect(documentXml).toContain('<w:p><w:r><w:t xml:space="preserve">a &lt; b &amp; c</w:t></w:r></w:p>');
  });

  it("is byte-for-byte deterministic", () => {
    expect(makeDocx(["same", "input"])).toEqual(makeDocx(["same", "input"]));
  });

  it("corruptDocx is a zip without word/document.xml that mammoth rejects", async () => {
    const bytes = corruptDocx();
    expect(Object.keys(unzipSync(bytes))).not.toContain("word/document.xml");
    await expect(mammoth.extractRawText({ buffer: Buffer.from(bytes) })).rejects.toThrow(/main document part/u);
  });
});

describe("makePdf", () => {
  it("round-trips through unpdf with the same words, escaping and Latin-1 intact", async () => {
    const lines = [
      "Summer jobs (and why they matter) \\ a short essay",
      "Café owners in Malmö pay 120 kr/hour – or less.",
      "",
      "I think it's worth it, because you learn responsibility.",
    ];
    const { text, totalPages } = await extractText(makePdf(lines), { mergePages: true });
    expect(totalPages).toBe(1);
    expect(words(text)).toEqual(words(lines.join(" ")));
  });

  it("wraps long lines and spreads many lines over several pages", async () => {
    const lines = Array.from(
      { length: 70 },
      (_, i) => `Line ${i} keeps going with enough ordinary words to need wrapping on an A4 page, surely.`,
    );
    const { text, totalPages } = await extractText(makePdf(lines), { mergePages: false });
    expect(totalPages).toBeGreaterThan(1);
    expect(words(text.join(" "))).toEqual(words(lines.join(" ")));
  });

  it("has a cross-reference table whose offsets point at the objects", () => {
    const pdf = Buffer.from(makePdf(["hello"])).toString("latin1");
    expect(pdf.startsWith("%PDF-1.4\n")).toBe(true);
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/u.exec(pdf)?.[1]);
    expect(pdf.slice(startxref, startxref + 5)).toBe("xref\n");
    const offsets = [...pdf.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gmu)].map((match) => Number(match[1]));
    expect(offsets.length).toBe(5);
    offsets.forEach((offset, index) => {
      expect(pdf.slice(offset, offset + `${index + 1} 0 obj`.length)).toBe(`${index + 1} 0 obj`);
    });
  });

  it("rejects text outside WinAnsi", () => {
    expect(() => makePdf(["emoji 🙂"])).toThrow(RangeError);
  });

  it("corruptPdf starts like a PDF but unpdf cannot read it", async () => {
    const bytes = corruptPdf();
    expect(Buffer.from(bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
    await expect(extractText(bytes)).rejects.toThrow(/Invalid PDF structure/u);
  });
});
