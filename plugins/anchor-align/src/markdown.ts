/**
 * Text inside a GitHub-flavoured markdown table cell: backslashes and pipes are escaped, HTML
 * is neutralised, and line breaks become `<br>`, so a justification cannot end its row or
 * column early (the old report broke on them: B19).
 */
export const markdownCell = (text: string): string =>
  text
    .replaceAll("\\", "\\\\")
    .replaceAll("|", "\\|")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replace(/\r\n|\r|\n/g, "<br>")

/** At most `maxCharacters` characters (code points, so emoji are never split), with "…" when cut. */
export const truncate = (text: string, maxCharacters: number): string => {
  const characters = Array.from(text)
  return characters.length <= maxCharacters ? text : `${characters.slice(0, maxCharacters).join("").trimEnd()}…`
}

export const markdownTable = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string =>
  [header, header.map(() => "---"), ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n")

/** A fenced block longer than any backtick run in the text, so the text cannot close it. */
export const codeBlock = (text: string): string => {
  const longestRun = Math.max(0, ...Array.from(text.matchAll(/`+/g), (match) => match[0].length))
  const fence = "`".repeat(Math.max(3, longestRun + 1))
  return `${fence}text\n${text.replace(/\n$/, "")}\n${fence}`
}
