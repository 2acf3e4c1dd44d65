/**
 * A fake CJ Assessment Service (contracts §3, §5.3) on loopback: the admin GETs behind HS256
 * JWT checks, the instruction list and the unauthenticated anchor registration upsert.
 * `errorStyle: "catch-all"` answers every admin failure the way production CJ does: a 500
 * with the generic body. `dateStyle: "rfc822"` writes dates as Quart does, keys sorted.
 */
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto"
import { calm, type RecordedRequest, type RunningServer, startServer } from "./httpServers.js"

export interface FakeAssignment {
  readonly assignmentId: string
  readonly gradeScale: string
  readonly contextOrigin: string
  readonly studentPromptStorageId: string | null
  readonly instructionsText: string
}

export interface FakeAnchor {
  readonly id: number
  readonly assignmentId: string
  readonly label: string
  readonly grade: string
  readonly gradeScale: string
  readonly storageId: string
}

export interface CjBehaviour {
  errorStyle: "structured" | "catch-all"
  dateStyle: "iso" | "rfc822"
  /** Error bodies quote the Authorization header: a service leaking the token back. */
  echoAuthorization: boolean
  /** Anchor labels whose registration fails with CJ's 500 "Failed to store essay content". */
  failingAnchorLabels: Set<string>
  /** Answer 201 and keep nothing, as this platform's register endpoint does (its session is closed without a commit). */
  rollsBackRegistrations: boolean
}

/** An assignment id no fake CJ holds. */
export const UNKNOWN_ASSIGNMENT = "ffffffff-0b0b-4c0c-8d0d-0e0e0e0e0e0e"

export interface FakeCj extends RunningServer {
  readonly assignments: Map<string, FakeAssignment>
  readonly anchors: FakeAnchor[]
  readonly behaviour: CjBehaviour
  /** Authorization headers that passed the admin check, in order. */
  readonly acceptedTokens: string[]
  /** Back to a calm CJ holding nothing but `assignment` (when given): what each test starts from. */
  readonly reset: (assignment?: FakeAssignment) => void
}

const GRADES: Readonly<Record<string, ReadonlyArray<string>>> = {
  swedish_8_anchor: ["F", "E", "D", "D+", "C", "C+", "B", "A"],
  eng5_np_legacy_9_step: ["F", "F+", "E-", "E+", "D-", "D+", "C-", "C+", "B", "A"],
  eng5_np_national_9_step: ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]
}

const CREATED_AT = new Date(Date.UTC(2026, 1, 7, 0, 47, 44, 123))

const sortKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (typeof value !== "object" || value === null) return value
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sortKeys(v)]))
}

type Verdict = { ok: true } | { ok: false; status: 401 | 403; reason: string }

const verifyAdminToken = (header: string | undefined, secret: string, issuer: string, audience: string): Verdict => {
  const parts = (header ?? "").trim().split(/\s+/)
  if (parts.length !== 2 || parts[0]?.toLowerCase() !== "bearer") return { ok: false, status: 401, reason: header === undefined ? "missing_authorization_header" : "invalid_authorization_format" }
  const [encodedHeader = "", encodedPayload = "", signature = ""] = (parts[1] ?? "").split(".")
  const expected = createHmac("sha256", secret).update(`${encodedHeader}.${encodedPayload}`).digest()
  const given = Buffer.from(signature, "base64url")
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, status: 401, reason: "invalid_signature" }
  const claims = JSON.parse(Buffer.from(encodedPayload, "base64url").toString("utf8")) as Record<string, unknown>
  const now = Date.now() / 1000
  if (typeof claims.exp !== "number") return { ok: false, status: 401, reason: "missing_exp" }
  if (claims.exp <= now) return { ok: false, status: 401, reason: "token_expired" }
  if (typeof claims.iat === "number" && claims.iat > now + 1) return { ok: false, status: 401, reason: "invalid_token" }
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud]
  if (!audiences.includes(audience)) return { ok: false, status: 401, reason: "invalid_audience" }
  if (claims.iss !== issuer) return { ok: false, status: 401, reason: "invalid_issuer" }
  if (!Array.isArray(claims.roles) || !claims.roles.includes("admin")) return { ok: false, status: 403, reason: "Admin role required" }
  return { ok: true }
}

export const startCjService = async (options: { secret: string; issuer?: string; audience?: string }): Promise<FakeCj> => {
  const issuer = options.issuer ?? "huleedu-identity-service"
  const audience = options.audience ?? "huleedu-platform"
  const assignments = new Map<string, FakeAssignment>()
  const anchors: FakeAnchor[] = []
  const acceptedTokens: string[] = []
  const behaviour: CjBehaviour = { errorStyle: "structured", dateStyle: "iso", echoAuthorization: false, failingAnchorLabels: new Set(), rollsBackRegistrations: false }

  const date = () => (behaviour.dateStyle === "rfc822" ? CREATED_AT.toUTCString() : CREATED_AT.toISOString().replace("Z", "000Z"))
  const json = (status: number, value: unknown) => ({ status, body: JSON.stringify(behaviour.dateStyle === "rfc822" ? sortKeys(value) : value) })
  const adminError = (request: RecordedRequest, status: 401 | 403 | 404, code: string, message: string) => {
    if (behaviour.errorStyle === "catch-all") {
      return json(500, { error: "Internal server error", message: "An unexpected error occurred", service: "cj_assessment_service" })
    }
    const echoed = behaviour.echoAuthorization ? ` (got ${String(request.headers.authorization)})` : ""
    const correlationId = request.headers["x-correlation-id"] ?? randomUUID()
    return json(status, { error: { code, message: `${message}${echoed}`, correlation_id: correlationId, service: "cj_assessment_service", timestamp: date(), details: {} } })
  }
  const instructionsBody = (a: FakeAssignment, id: number) => ({
    id,
    assignment_id: a.assignmentId,
    course_id: null,
    instructions_text: a.instructionsText,
    grade_scale: a.gradeScale,
    context_origin: a.contextOrigin,
    student_prompt_storage_id: a.studentPromptStorageId,
    created_at: date()
  })

  const register = (request: RecordedRequest) => {
    let body: Record<string, unknown>
    try {
      body = JSON.parse(request.body) as Record<string, unknown>
    } catch {
      return json(400, { error: "Invalid JSON" })
    }
    const { assignment_id: assignmentId, grade, anchor_label: label, essay_text: text } = body
    if (typeof assignmentId !== "string" || typeof grade !== "string" || typeof text !== "string") return json(400, { error: "Missing required fields" })
    if (text.length < 100) return json(400, { error: "essay_text: String should have at least 100 characters" })
    const assignment = assignments.get(assignmentId)
    if (assignment === undefined) return json(400, { error: `Unknown assignment_id '${assignmentId}'` })
    const scale = assignment.gradeScale
    if (!(GRADES[scale] ?? []).includes(grade)) return json(400, { error: `Invalid grade '${grade}' for scale '${scale}'` })
    const anchorLabel = typeof label === "string" ? label : grade
    if (behaviour.failingAnchorLabels.has(anchorLabel)) return json(500, { error: "Failed to store essay content" })
    const storageId = randomUUID().replaceAll("-", "")
    const existing = anchors.findIndex((a) => a.assignmentId === assignmentId && a.label === anchorLabel && a.gradeScale === scale)
    const id = existing === -1 ? anchors.length + 1 : (anchors[existing]?.id ?? 0)
    const anchor: FakeAnchor = { id, assignmentId, label: anchorLabel, grade, gradeScale: scale, storageId }
    if (behaviour.rollsBackRegistrations) return json(201, { anchor_id: id, storage_id: storageId, grade_scale: scale, status: "registered" })
    if (existing === -1) anchors.push(anchor)
    else anchors[existing] = anchor
    return json(201, { anchor_id: id, storage_id: storageId, grade_scale: scale, status: "registered" })
  }

  const server = await startServer((request) => {
    const url = new URL(request.path, "http://cj")
    if (url.pathname === "/healthz") return json(200, { status: "healthy" })
    if (request.method === "POST" && url.pathname === "/api/v1/anchors/register") return register(request)
    if (!url.pathname.startsWith("/admin/v1/")) return json(404, { error: "Not Found" })
    const verdict = verifyAdminToken(request.headers.authorization as string | undefined, options.secret, issuer, audience)
    if (!verdict.ok) return adminError(request, verdict.status, verdict.status === 401 ? "AUTHENTICATION_ERROR" : "AUTHORIZATION_ERROR", verdict.reason)
    acceptedTokens.push(String(request.headers.authorization))
    const byAssignment = /^\/admin\/v1\/(assessment-instructions|anchors)\/assignment\/([^/]+)$/.exec(url.pathname)
    if (request.method === "GET" && byAssignment !== null) {
      const id = decodeURIComponent(byAssignment[2] ?? "")
      const assignment = assignments.get(id)
      if (assignment === undefined) return adminError(request, 404, "RESOURCE_NOT_FOUND", `assessment_instructions not found for assignment_id=${id}`)
      if (byAssignment[1] === "assessment-instructions") return json(200, instructionsBody(assignment, [...assignments.keys()].indexOf(id) + 1))
      const mine = anchors.filter((a) => a.assignmentId === id)
      const inScale = mine.filter((a) => a.gradeScale === assignment.gradeScale)
      const byScale: Record<string, number> = {}
      for (const a of mine) byScale[a.gradeScale] = (byScale[a.gradeScale] ?? 0) + 1
      return json(200, {
        assignment_id: id,
        grade_scale: assignment.gradeScale,
        anchor_count: inScale.length,
        anchors: inScale.map((a) => ({ id: a.id, assignment_id: id, anchor_label: a.label, grade: a.grade, grade_scale: a.gradeScale, text_storage_id: a.storageId, created_at: date() })),
        anchor_count_total: mine.length,
        anchor_count_by_scale: byScale
      })
    }
    if (request.method === "GET" && url.pathname === "/admin/v1/assessment-instructions") {
      const page = Number(url.searchParams.get("page") ?? "1")
      const pageSize = Number(url.searchParams.get("page_size") ?? "50")
      const all = [...assignments.values()].toReversed()
      return json(200, { items: all.slice((page - 1) * pageSize, page * pageSize).map((a, i) => instructionsBody(a, i + 1)), total: all.length, page, page_size: pageSize })
    }
    return adminError(request, 404, "RESOURCE_NOT_FOUND", "route not found")
  })
  const reset = (assignment?: FakeAssignment) => {
    server.requests.length = 0
    server.misbehaviour = calm()
    assignments.clear()
    anchors.length = 0
    acceptedTokens.length = 0
    Object.assign(behaviour, { errorStyle: "structured", dateStyle: "iso", echoAuthorization: false, failingAnchorLabels: new Set(), rollsBackRegistrations: false })
    if (assignment !== undefined) assignments.set(assignment.assignmentId, assignment)
  }
  return Object.assign(server, { assignments, anchors, behaviour, acceptedTokens, reset })
}

/** An admin token the fake CJ accepts (or, with overrides, rejects for a specific reason). */
export const signTestToken = (secret: string, overrides: Record<string, unknown> = {}): string => {
  const now = Math.floor(Date.now() / 1000)
  const claims = { sub: "test-admin", iat: now, exp: now + 600, iss: "huleedu-identity-service", aud: "huleedu-platform", roles: ["admin"], ...overrides }
  const head = Buffer.from(JSON.stringify({ alg: "HS256", typ: "JWT" })).toString("base64url")
  const body = Buffer.from(JSON.stringify(claims)).toString("base64url")
  const signature = createHmac("sha256", secret).update(`${head}.${body}`).digest("base64url")
  return `${head}.${body}.${signature}`
}
