import { Exit, Schema } from "effect"
import type {
  AnchorRegistrationResult,
  AnchorSummary,
  AssignmentContext,
  InstructionsListItem,
  InstructionsPage
} from "../../services/CjAdmin.js"
import { parseServiceDate } from "./dates.js"

/** CJ's response models (contracts §3.2), lenient where eng5 does not use a field. */
const OptionalText = Schema.optional(Schema.NullOr(Schema.String))
const Count = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))

const Instructions = Schema.Struct({
  assignment_id: OptionalText,
  course_id: OptionalText,
  instructions_text: Schema.optional(Schema.String),
  grade_scale: Schema.String,
  context_origin: OptionalText,
  student_prompt_storage_id: OptionalText,
  created_at: Schema.optional(Schema.Unknown)
})

const AnchorItem = Schema.Struct({
  id: Schema.Int,
  anchor_label: Schema.String,
  grade: Schema.String,
  grade_scale: Schema.String,
  text_storage_id: Schema.String,
  created_at: Schema.optional(Schema.Unknown)
})

const AnchorSummaryBody = Schema.Struct({
  assignment_id: Schema.String,
  grade_scale: Schema.String,
  anchor_count: Count,
  anchors: Schema.Array(AnchorItem),
  anchor_count_total: Schema.optional(Count),
  anchor_count_by_scale: Schema.optional(Schema.Record(Schema.String, Count))
})

const InstructionsPageBody = Schema.Struct({
  items: Schema.Array(Instructions),
  total: Count,
  page: Schema.Int,
  page_size: Schema.Int
})

const RegisterAnswer = Schema.Struct({
  anchor_id: Schema.Int,
  storage_id: Schema.String,
  grade_scale: Schema.optional(Schema.String),
  status: Schema.optional(Schema.String)
})

export type Decoded<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string }

const parseJson = (text: string): Decoded<unknown> => {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false, problem: "the body is not JSON" }
  }
}

const decodeWith =
  <S extends Schema.Top & { readonly DecodingServices: never }>(schema: S) =>
  (text: string): Decoded<S["Type"]> => {
    const json = parseJson(text)
    if (!json.ok) return json
    const exit = Schema.decodeUnknownExit(schema)(json.value)
    return Exit.isSuccess(exit) ? { ok: true, value: exit.value } : { ok: false, problem: String(exit.cause).slice(0, 300) }
  }

const trimmedOrNull = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim()
  return trimmed === undefined || trimmed === "" ? null : trimmed
}

const withCreatedAt = <T extends object>(item: T, raw: unknown): T & { readonly createdAt?: Date } => {
  const createdAt = parseServiceDate(raw)
  return createdAt === undefined ? item : { ...item, createdAt }
}

const DEFAULT_CONTEXT_ORIGIN = "research_experiment"

export const decodeAssignment = (text: string): Decoded<AssignmentContext> => {
  const decoded = decodeWith(Instructions)(text)
  if (!decoded.ok) return decoded
  const body = decoded.value
  const assignmentId = trimmedOrNull(body.assignment_id)
  if (assignmentId === null) return { ok: false, problem: "the instructions carry no assignment_id" }
  const context: AssignmentContext = {
    assignmentId,
    gradeScale: body.grade_scale.trim(),
    contextOrigin: trimmedOrNull(body.context_origin) ?? DEFAULT_CONTEXT_ORIGIN,
    studentPromptStorageId: trimmedOrNull(body.student_prompt_storage_id),
    instructionsText: body.instructions_text?.trim() ?? ""
  }
  return { ok: true, value: withCreatedAt(context, body.created_at) }
}

export const decodeAnchorSummary = (text: string): Decoded<AnchorSummary> => {
  const decoded = decodeWith(AnchorSummaryBody)(text)
  if (!decoded.ok) return decoded
  const body = decoded.value
  const summary: AnchorSummary = {
    assignmentId: body.assignment_id,
    gradeScale: body.grade_scale,
    anchorCount: body.anchor_count,
    anchorCountTotal: body.anchor_count_total ?? body.anchor_count,
    anchorCountByScale: body.anchor_count_by_scale ?? { [body.grade_scale]: body.anchor_count },
    anchors: body.anchors.map((a) =>
      withCreatedAt({ id: a.id, anchorLabel: a.anchor_label, grade: a.grade, gradeScale: a.grade_scale, textStorageId: a.text_storage_id }, a.created_at)
    )
  }
  return { ok: true, value: summary }
}

export const decodeInstructionsPage = (text: string): Decoded<InstructionsPage> => {
  const decoded = decodeWith(InstructionsPageBody)(text)
  if (!decoded.ok) return decoded
  const items = decoded.value.items.map((item): InstructionsListItem =>
    withCreatedAt(
      {
        assignmentId: trimmedOrNull(item.assignment_id),
        courseId: trimmedOrNull(item.course_id),
        gradeScale: item.grade_scale.trim(),
        contextOrigin: trimmedOrNull(item.context_origin) ?? DEFAULT_CONTEXT_ORIGIN,
        studentPrompt: trimmedOrNull(item.student_prompt_storage_id) !== null
      },
      item.created_at
    )
  )
  return { ok: true, value: { items, total: decoded.value.total, page: decoded.value.page, pageSize: decoded.value.page_size } }
}

export const decodeRegistration = (text: string): Decoded<AnchorRegistrationResult> => {
  const decoded = decodeWith(RegisterAnswer)(text)
  if (!decoded.ok) return decoded
  const body = decoded.value
  return { ok: true, value: { anchorId: body.anchor_id, storageId: body.storage_id, gradeScale: body.grade_scale ?? "", status: body.status ?? "registered" } }
}

/** The body of CJ's catch-all exception handler (contracts §3.4). */
export const isCatchAllBody = (text: string): boolean => {
  const json = parseJson(text)
  if (!json.ok || typeof json.value !== "object" || json.value === null) return false
  return "error" in json.value && json.value.error === "Internal server error"
}

const EXCERPT_CHARS = 120

/** The start of a body as one line of text: an HTML page's words without its tags, scripts or styles. */
export const textExcerpt = (text: string, chars = EXCERPT_CHARS): string => {
  const words = text
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, " ")
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim()
  if (words === "") return "(empty body)"
  return words.length <= chars ? words : `${words.slice(0, chars - 1).trimEnd()}…`
}

/** The readable part of an error body: `{"error": "..."}`, `{"error": {"message": ...}}`, else a text excerpt. */
export const errorDetail = (text: string): string => {
  const json = parseJson(text)
  if (json.ok && typeof json.value === "object" && json.value !== null && "error" in json.value) {
    const error: unknown = json.value.error
    if (typeof error === "string") return error
    if (typeof error === "object" && error !== null && "message" in error && typeof error.message === "string") {
      const code = "code" in error && typeof error.code === "string" ? `${error.code}: ` : ""
      return `${code}${error.message}`
    }
  }
  return textExcerpt(text)
}
