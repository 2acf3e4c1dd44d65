import { Effect, Layer } from "effect"
import { Client, type CustomTypesConfig, types } from "pg"
import { type CjDatabaseOptions, type CjDatabaseSettings, cjDatabaseSettings } from "./cjDatabaseSettings.js"
import { batchStateFromRow, batchUploadFromRow, comparisonPairFromRow, gradeProjectionFromRow, processedEssayFromRow, type Row } from "./cjRows.js"
import { makeRedactor } from "./core.js"
import { CjBatchNotFound, CjDatabaseQueryFailed, CjDatabaseUnreachable, Extractor, type ExtractorService } from "./Extractor.js"

/** Dates and timestamps stay the database's text: `pg` would read a zone-less timestamp as local time. */
const TEXT_TYPE_IDS: ReadonlySet<number> = new Set([types.builtins.DATE, types.builtins.TIMESTAMP, types.builtins.TIMESTAMPTZ])
const typesKeepingTimestampsAsText: CustomTypesConfig = {
  getTypeParser: (typeId, format) => (TEXT_TYPE_IDS.has(typeId) ? (value: string) => value : types.getTypeParser(typeId, format))
}

const stringField = (error: unknown, field: string): string | undefined => {
  if (typeof error !== "object" || error === null || !(field in error)) return undefined
  const value: unknown = Reflect.get(error, field)
  return typeof value === "string" && value !== "" ? value : undefined
}

/** Node reports a failed connect to a name with several addresses as an AggregateError. */
const errorCodeOf = (error: unknown): string | undefined =>
  stringField(error, "code") ?? (error instanceof AggregateError ? error.errors.map((inner) => stringField(inner, "code")).find((code) => code !== undefined) : undefined)

const detailOf = (error: unknown, redact: (text: string) => string): string => {
  const message = stringField(error, "message") ?? errorCodeOf(error) ?? String(error)
  return redact(message.replace(/\s+/g, " ").trim())
}

const WHERE_FIX = "Start the CJ database (the HuleEdu dev stack publishes it on localhost:5434), or point eng5 at it with HULEEDU_DB_HOST and HULEEDU_CJ_DB_PORT (or HULEEDU_DB_PORT), or --cj-database-url."

const connectFailure = (settings: CjDatabaseSettings, error: unknown): CjDatabaseUnreachable => {
  const code = errorCodeOf(error)
  const detail = detailOf(error, makeRedactor(settings.secrets))
  const failure = (reason: CjDatabaseUnreachable["reason"], what: string, fix: string) =>
    new CjDatabaseUnreachable({ database: settings.description, reason, message: `Cannot use the CJ database ${settings.description}: ${what}.`, fix })
  switch (code) {
    case "ECONNREFUSED":
      return failure("refused", "connection refused (nothing listens on that port)", WHERE_FIX)
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return failure("host_not_found", "the host name does not resolve", WHERE_FIX)
    case "EHOSTUNREACH":
    case "ENETUNREACH":
    case "ETIMEDOUT":
      return failure("unreachable", `the host cannot be reached (${code})`, WHERE_FIX)
    case "28P01":
    case "28000":
      return failure("auth_failed", `the server refused the login (${detail})`, "Set HULEEDU_DB_USER and HULEEDU_DB_PASSWORD to the CJ database's credentials (the platform's .env has them), or pass them in --cj-database-url.")
    case "3D000":
      return failure("database_missing", `the server has no such database (${detail})`, "Check that the host and port point at the CJ Assessment database server, not another service's.")
  }
  if (/timeout|timed out/i.test(detail)) {
    return failure("timeout", `no answer within ${settings.connectTimeoutMillis / 1000} s`, WHERE_FIX)
  }
  return failure("other", detail, WHERE_FIX)
}

const queryFailure = (settings: CjDatabaseSettings, table: string, error: unknown): CjDatabaseQueryFailed => {
  const sqlState = stringField(error, "code") ?? null
  const detail = detailOf(error, makeRedactor(settings.secrets))
  const fix = (() => {
    switch (sqlState) {
      case "42P01":
      case "42703":
        return "The database does not have the CJ Assessment tables and columns eng5 reads: check that it is the CJ database and that its migrations are current."
      case "42501":
        return `Grant the database user SELECT on ${table}, or connect as a user who can read the CJ tables.`
      case "57014":
        return `The query ran longer than ${settings.queryTimeoutMillis / 1000} s; try again when the database is less busy.`
    }
    return "The extraction only reads, so it can be retried; if it keeps failing, check the CJ database's logs."
  })()
  return new CjDatabaseQueryFailed({
    database: settings.description,
    table,
    sqlState,
    message: `Reading ${table} from the CJ database ${settings.description} failed: ${detail}.`,
    fix
  })
}

const connect = (settings: CjDatabaseSettings) =>
  Effect.tryPromise({
    try: async () => {
      const client = new Client({
        ...settings.connection,
        connectionTimeoutMillis: settings.connectTimeoutMillis,
        statement_timeout: settings.queryTimeoutMillis,
        query_timeout: settings.queryTimeoutMillis + 5_000,
        application_name: "eng5-db-extract",
        // Read-only for the whole session, and timestamps with a zone printed in UTC.
        options: "-c default_transaction_read_only=on -c TimeZone=UTC",
        types: typesKeepingTimestampsAsText
      })
      // A connection dropped while idle is reported as an event; without a listener Node would crash.
      client.on("error", () => undefined)
      try {
        await client.connect()
      } catch (error) {
        await client.end().catch(() => undefined)
        throw error
      }
      return client
    },
    catch: (error) => connectFailure(settings, error)
  })

const readBatch = (client: Client, settings: CjDatabaseSettings, batchIdentifier: string) => {
  const rows = (table: string, sql: string, values: ReadonlyArray<string | number> = []) =>
    Effect.tryPromise({
      try: () => client.query<Row>(sql, [...values]).then((result) => result.rows),
      catch: (error) => queryFailure(settings, table, error)
    })

  return Effect.gen(function* () {
    // One snapshot for all five reads, even while CJ still writes.
    yield* rows("(transaction)", "BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
    const byNumericId = /^\d+$/.test(batchIdentifier)
    const uploads = yield* rows("cj_batch_uploads", `SELECT * FROM cj_batch_uploads WHERE ${byNumericId ? "id" : "bos_batch_id"} = $1`, [batchIdentifier])
    const upload = uploads[0]
    if (upload === undefined) {
      return yield* new CjBatchNotFound({
        batchIdentifier,
        database: settings.description,
        message: `The CJ database ${settings.description} has no batch with ${byNumericId ? "id" : "bos_batch_id"} ${batchIdentifier}.`,
        fix: "Check the batch uuid (a run folder's name ends with it) and that eng5 reads the CJ database of the platform that ran the batch."
      })
    }
    const batch = batchUploadFromRow(upload)
    const states = yield* rows(
      "cj_batch_states",
      `SELECT state, total_budget, total_comparisons, submitted_comparisons, completed_comparisons, failed_comparisons,
              current_iteration, completion_threshold_pct
         FROM cj_batch_states WHERE batch_id = $1`,
      [batch.id]
    )
    const comparisons = yield* rows(
      "cj_comparison_pairs",
      `SELECT id, essay_a_els_id, essay_b_els_id, winner, confidence, justification, request_correlation_id,
              submitted_at, completed_at, error_code
         FROM cj_comparison_pairs WHERE cj_batch_id = $1 ORDER BY id`,
      [batch.id]
    )
    const essays = yield* rows(
      "cj_processed_essays",
      `SELECT els_essay_id, current_bt_score, current_bt_se, comparison_count, is_anchor, processing_metadata
         FROM cj_processed_essays WHERE cj_batch_id = $1 ORDER BY current_bt_score DESC NULLS LAST, els_essay_id`,
      [batch.id]
    )
    const projections = yield* rows(
      "grade_projections",
      `SELECT els_essay_id, primary_grade, confidence_score, confidence_label, normalized_score, grade_scale
         FROM grade_projections WHERE cj_batch_id = $1 ORDER BY normalized_score DESC NULLS LAST, els_essay_id`,
      [batch.id]
    )
    yield* rows("(transaction)", "COMMIT")
    const state = states[0]
    return {
      batchIdentifier,
      batch,
      state: state === undefined ? null : batchStateFromRow(state),
      comparisons: comparisons.map(comparisonPairFromRow),
      essays: essays.map(processedEssayFromRow),
      gradeProjections: projections.map(gradeProjectionFromRow)
    }
  })
}

/** The Extractor over `pg`: one short read-only session per extraction, closed however it ends. */
export const makeExtractorPg = (settings: CjDatabaseSettings): ExtractorService => ({
  database: settings.description,
  extractBatch: (batchIdentifier) =>
    Effect.acquireUseRelease(
      connect(settings),
      (client) => readBatch(client, settings, batchIdentifier.trim()),
      (client) => Effect.promise(() => client.end().catch(() => undefined))
    )
})

export const extractorPg = (settings: CjDatabaseSettings) => Layer.succeed(Extractor, makeExtractorPg(settings))

/** The live layer from the environment and an optional `--cj-database-url`; a bad setting fails with InvalidFlag. */
export const extractorPgFromEnv = (env: Readonly<Record<string, string | undefined>>, options: CjDatabaseOptions = {}) =>
  Layer.effect(Extractor, Effect.map(cjDatabaseSettings(env, options), makeExtractorPg))
