/**
 * What CJ's own database holds for a batch, and the check that an eng5 artefact says the same.
 * The database is the record of what CJ did; the artefact is eng5's account of it.
 */
import { createHash } from "node:crypto"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import type { Client } from "pg"
import { expect, inject } from "vitest"
import { artefactSchemaErrors } from "../../support/artefactSchema.js"
import { scoreLikeCj } from "../../../src/statistics/cjScoring.js"
import { withClient } from "../../support/cjDatabase.js"

export interface CjPair {
  readonly essay_a_els_id: string
  readonly essay_b_els_id: string
  readonly winner: string | null
  readonly confidence: number | null
  readonly justification: string | null
  readonly request_correlation_id: string | null
  readonly prompt_sha256: string
  readonly error_code: string | null
}

export interface CjEssay {
  readonly els_essay_id: string
  readonly is_anchor: boolean
  readonly current_bt_score: number | null
  readonly current_bt_se: number | null
}

export interface CjProjection {
  readonly els_essay_id: string
  readonly primary_grade: string
  readonly confidence_score: number
}

export interface CjBatch {
  readonly id: number
  readonly status: string
  readonly essays: ReadonlyArray<CjEssay>
  readonly pairs: ReadonlyArray<CjPair>
  readonly projections: ReadonlyArray<CjProjection>
}

export const withCjDatabase = <A>(use: (client: Client) => Promise<A>): Promise<A> => {
  const url = inject("platformEnv")["CJ_DATABASE_URL"]
  if (url === undefined) throw new Error("up.sh printed no CJ_DATABASE_URL")
  return withClient(url, use)
}

export const readCjBatch = (batchUuid: string): Promise<CjBatch> =>
  withCjDatabase(async (db) => {
    const batches = await db.query<{ id: number; status: string }>("select id, status::text as status from cj_batch_uploads where bos_batch_id = $1", [batchUuid])
    const batch = batches.rows[0]
    if (batch === undefined) throw new Error(`CJ holds no batch ${batchUuid}`)
    const essays = await db.query<CjEssay>("select els_essay_id, is_anchor, current_bt_score, current_bt_se from cj_processed_essays where cj_batch_id = $1", [batch.id])
    const pairs = await db.query<Omit<CjPair, "prompt_sha256"> & { readonly prompt_text: string }>(
      `select essay_a_els_id, essay_b_els_id, winner, confidence, justification, request_correlation_id::text as request_correlation_id,
              prompt_text, error_code
         from cj_comparison_pairs where cj_batch_id = $1`,
      [batch.id]
    )
    const projections = await db.query<CjProjection>("select els_essay_id, primary_grade, confidence_score from grade_projections where cj_batch_id = $1", [batch.id])
    return {
      id: batch.id,
      status: batch.status,
      essays: essays.rows,
      pairs: pairs.rows.map(({ prompt_text, ...pair }) => ({ ...pair, prompt_sha256: createHash("sha256").update(prompt_text, "utf8").digest("hex") })),
      projections: projections.rows
    }
  })

interface ArtefactComparison {
  readonly correlation_id: string | null
  readonly essay_a_id: string
  readonly essay_b_id: string
  readonly winner_id: string | null
  readonly status: string
  readonly confidence: number | null
  readonly justification: string | null
  readonly prompt_hash: string | null
}

interface ArtefactEssay {
  readonly essay_id: string
  readonly is_anchor?: boolean
  readonly standard_error?: number
  readonly standard_error_available?: boolean
}

interface ArtefactProjection {
  readonly essay_id: string
  readonly grade: string
  readonly confidence_score: number
}

export interface Artefact {
  readonly metadata: { readonly batch_uuid?: string; readonly [key: string]: unknown }
  readonly llm_comparisons: ReadonlyArray<ArtefactComparison>
  readonly bt_summary: ReadonlyArray<ArtefactEssay>
  readonly grade_projections: ReadonlyArray<ArtefactProjection>
  readonly [key: string]: unknown
}

export const readArtefact = (runFolder: string): Artefact => JSON.parse(readFileSync(join(runFolder, "assessment_run.json"), "utf8")) as Artefact

/**
 * The artefact against CJ's rows: the same comparisons (pair, winner, confidence, justification,
 * prompt hash, matched by correlation id), the same essays, the same grade projections, and a
 * document the artefact schema accepts. `cjIdOf` turns an id in the artefact into the id CJ holds.
 */
/**
 * eng5's statistics core against CJ's stored scores: its refit of the artefact's comparisons
 * gives CJ's θ, and, held to the reference essay CJ used (the one it stored SE 0 for; CJ picks
 * the last anchor in its database's row order, which eng5 cannot know), CJ's SEs, to 1e-6. The
 * artefact's own SEs are those of the same refit held to the reference it names.
 */
const expectCjScores = (artefact: Artefact, cj: CjBatch, cjIdOf: (artefactId: string) => string): void => {
  const outcomes = artefact.llm_comparisons.flatMap((c) =>
    c.status === "succeeded" && c.winner_id !== null
      ? [{ winner: cjIdOf(c.winner_id), loser: cjIdOf(c.winner_id === c.essay_a_id ? c.essay_b_id : c.essay_a_id) }]
      : []
  )
  const essays = cj.essays.map((e) => ({ essayId: e.els_essay_id, isAnchor: e.is_anchor }))
  const cjReference = cj.essays.find((e) => e.current_bt_se === 0)?.els_essay_id
  expect(cjReference).toBeDefined()
  const refit = new Map(scoreLikeCj(essays, outcomes, { reference: cjReference as string }).essays.map((e) => [e.essayId, e]))
  for (const row of cj.essays) {
    const mine = refit.get(row.els_essay_id)
    expect(Math.abs((mine?.theta ?? Number.NaN) - (row.current_bt_score ?? Number.NaN))).toBeLessThan(1e-6)
    expect(Math.abs((mine?.standardError ?? Number.NaN) - (row.current_bt_se ?? Number.NaN))).toBeLessThan(1e-6)
  }
  const reliability = artefact["reliability"] as { readonly standard_error_reference: string }
  const own = new Map(scoreLikeCj(essays, outcomes, { reference: cjIdOf(reliability.standard_error_reference) }).essays.map((e) => [e.essayId, e]))
  for (const entry of artefact.bt_summary) {
    expect(entry.standard_error_available).toBe(true)
    expect(Math.abs((entry.standard_error ?? Number.NaN) - (own.get(cjIdOf(entry.essay_id))?.standardError ?? Number.NaN))).toBeLessThan(1e-6)
  }
}

export const expectArtefactMatchesCj = (artefact: Artefact, cj: CjBatch, cjIdOf: (artefactId: string) => string): void => {
  expect(artefactSchemaErrors(artefact)).toEqual([])

  const judged = cj.pairs.filter((p) => p.winner !== null)
  const succeeded = artefact.llm_comparisons.filter((c) => c.status === "succeeded")
  expect(succeeded.length).toBe(judged.length)
  expect(succeeded.length).toBeGreaterThan(0)
  const byCorrelation = new Map(judged.map((p) => [p.request_correlation_id, p]))
  for (const comparison of succeeded) {
    const pair = byCorrelation.get(comparison.correlation_id)
    if (pair === undefined) throw new Error(`CJ holds no judged pair for correlation ${comparison.correlation_id}`)
    expect([cjIdOf(comparison.essay_a_id), cjIdOf(comparison.essay_b_id)]).toEqual([pair.essay_a_els_id, pair.essay_b_els_id])
    const cjWinner = pair.winner === "essay_a" ? pair.essay_a_els_id : pair.essay_b_els_id
    expect(comparison.winner_id === null ? null : cjIdOf(comparison.winner_id)).toBe(cjWinner)
    expect(comparison.confidence).toBe(pair.confidence)
    expect(comparison.justification).toBe(pair.justification)
    expect(comparison.prompt_hash).toBe(pair.prompt_sha256)
  }

  expect(artefact.bt_summary.map((e) => cjIdOf(e.essay_id)).toSorted()).toEqual(cj.essays.map((e) => e.els_essay_id).toSorted())
  expectCjScores(artefact, cj, cjIdOf)

  const projected = new Map(artefact.grade_projections.map((p) => [cjIdOf(p.essay_id), p]))
  for (const row of cj.projections) {
    const mine = projected.get(row.els_essay_id)
    if (mine === undefined) throw new Error(`no grade projection for ${row.els_essay_id} in the artefact`)
    expect(mine.grade).toBe(row.primary_grade)
    expect(mine.confidence_score).toBeCloseTo(row.confidence_score, 9)
  }
}
