/** The optional anchors CSV of the platform's dataset (contracts §7): id, file name and grade per anchor. */
export interface AnchorCsvRow {
  readonly anchorId: string
  readonly fileName: string
  readonly grade: string | null
}

export const ANCHORS_CSV_NAME = "ANCHOR_ESSAYS_BAYESIAN_INFERENCE_DATA.csv"

/** RFC 4180 fields: quoted fields may hold commas, doubled quotes and line breaks. */
const parseRecords = (text: string): string[][] => {
  const records: string[][] = []
  let record: string[] = []
  let field = ""
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (char === '"') quoted = false
      else field += char
    } else if (char === '"') quoted = true
    else if (char === ",") {
      record.push(field)
      field = ""
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++
      record.push(field)
      records.push(record)
      record = []
      field = ""
    } else field += char
  }
  if (field !== "" || record.length > 0) {
    record.push(field)
    records.push(record)
  }
  return records.filter((r) => r.some((f) => f.trim() !== ""))
}

export const parseAnchorsCsv = (text: string): { rows: ReadonlyArray<AnchorCsvRow>; problem: string | null } => {
  const [header, ...body] = parseRecords(text.replace(/^\uFEFF/, ""))
  if (header === undefined) return { rows: [], problem: "is empty" }
  const names = header.map((h) => h.trim())
  const idColumn = names.findIndex((h) => h === "ANCHOR-ID" || h === "anchor_id")
  const fileColumn = names.findIndex((h) => h === "FILE-NAME" || h === "file_name")
  const gradeColumns = names.flatMap((h, i) => (["grade", "pred_mode_grade"].includes(h.toLowerCase()) ? [i] : []))
  if (idColumn === -1 || fileColumn === -1) {
    return { rows: [], problem: "needs an ANCHOR-ID (or anchor_id) and a FILE-NAME (or file_name) column" }
  }
  const rows = body.flatMap((record): AnchorCsvRow[] => {
    const anchorId = record[idColumn]?.trim() ?? ""
    const fileName = record[fileColumn]?.trim() ?? ""
    if (anchorId === "" || fileName === "") return []
    const grade = gradeColumns.map((i) => record[i]?.trim() ?? "").find((g) => g !== "") ?? null
    return [{ anchorId, fileName, grade: grade === null ? null : grade.toUpperCase() }]
  })
  return { rows, problem: null }
}
