import { readFileSync } from "node:fs"
import { Ajv2020 } from "ajv/dist/2020.js"
import addFormats from "ajv-formats"

/** The artefact schema downstream tools read, vendored from the platform (test/fixtures/README.md). */
const SCHEMA_PATH = new URL("../fixtures/assessment_run.schema.json", import.meta.url)

const ajv = new Ajv2020({ allErrors: true, strict: false })
addFormats.default(ajv)
const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, "utf8")))

/** Schema errors of an artefact, as readable lines; empty when it validates. */
export const artefactSchemaErrors = (artefact: unknown): string[] =>
  validate(artefact) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`)
