import { randomBytes } from "node:crypto"
import { readFileSync } from "node:fs"
import { Client } from "pg"
import { afterAll, beforeAll } from "vitest"
import type { TestPostgres } from "./postgres.js"

/** The batch the CJ fixture holds (plugins/db-extract/test/fixtures/cj_seed.sql). */
export const SEEDED_BATCH_UUID = "a1b2c3d4-0000-4000-8000-000000000007"

const fixture = (name: string) => readFileSync(new URL(`../../plugins/db-extract/test/fixtures/${name}`, import.meta.url), "utf8")

export const withClient = async <A>(url: string, use: (client: Client) => Promise<A>): Promise<A> => {
  const client = new Client({ connectionString: url })
  await client.connect()
  try {
    return await use(client)
  } finally {
    await client.end()
  }
}

export const databaseUrl = (serverUrl: string, database: string): string => {
  const url = new URL(serverUrl)
  url.pathname = `/${database}`
  return url.toString()
}

export interface CjDatabases {
  /** The CJ schema with one completed batch. */
  readonly seededUrl: string
  /** The same, less the grade_projections table: extraction fails after the batch is found. */
  readonly brokenUrl: string
  readonly drop: () => Promise<void>
}

/** Two fresh CJ databases on a test server, named `<prefix>_seeded_<hex>` and `<prefix>_broken_<hex>`. */
export const createCjDatabases = async (serverUrl: string, prefix: string): Promise<CjDatabases> => {
  const suffix = randomBytes(4).toString("hex")
  const seeded = `${prefix}_seeded_${suffix}`
  const broken = `${prefix}_broken_${suffix}`
  await withClient(serverUrl, async (client) => {
    await client.query(`CREATE DATABASE ${seeded}`)
    await client.query(`CREATE DATABASE ${broken}`)
  })
  const schemaAndSeed = fixture("cj_schema.sql") + fixture("cj_seed.sql")
  await withClient(databaseUrl(serverUrl, seeded), (client) => client.query(schemaAndSeed))
  await withClient(databaseUrl(serverUrl, broken), (client) => client.query(`${schemaAndSeed}DROP TABLE grade_projections;`))
  return {
    seededUrl: databaseUrl(serverUrl, seeded),
    brokenUrl: databaseUrl(serverUrl, broken),
    drop: () =>
      withClient(serverUrl, async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${seeded} WITH (FORCE)`)
        await client.query(`DROP DATABASE IF EXISTS ${broken} WITH (FORCE)`)
      })
  }
}

/**
 * The two CJ databases for the tests of one describe block: created before them, dropped after
 * them with the server (when this file started it). The URLs are read once the block runs.
 */
export const useCjDatabases = (postgres: TestPostgres | undefined, prefix: string): { readonly seededUrl: () => string; readonly brokenUrl: () => string } => {
  let databases: CjDatabases | undefined
  beforeAll(async () => {
    databases = await createCjDatabases(postgres?.url ?? "", prefix)
  })
  afterAll(async () => {
    if (postgres === undefined) return
    await databases?.drop()
    await postgres.stop()
  })
  return { seededUrl: () => databases?.seededUrl ?? "", brokenUrl: () => databases?.brokenUrl ?? "" }
}
