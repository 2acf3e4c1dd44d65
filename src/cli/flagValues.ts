import { Flags, type Interfaces } from "@oclif/core"

/**
 * A flag value that cannot be parsed, thrown from a flag's `parse`. oclif rewrites the message
 * of whatever a parse throws, so the flag, the problem and the fix travel as fields of their own;
 * the base command turns it into an `InvalidFlag` usage failure (exit 2).
 */
export class FlagValueRejected extends Error {
  constructor(
    readonly flag: string,
    readonly problem: string,
    readonly fix: string
  ) {
    super(problem)
  }
}

interface NumberFlagOptions {
  readonly description: string
  readonly min?: number
  readonly max?: number
  /** What the value counts, for messages: "whole number of comparisons", "number of seconds". */
  readonly unit?: string
  /** A value shown in the fix, e.g. 60. */
  readonly example: number
  readonly helpGroup?: string
  readonly env?: string
}

const rangeText = (min: number | undefined, max: number | undefined, above: boolean): string => {
  const low = min === undefined ? "" : above ? `above ${min}` : `at least ${min}`
  const high = max === undefined ? "" : `at most ${max.toLocaleString("en")}`
  return [low, high].filter((part) => part !== "").join(" and ")
}

const parseNumber = (kind: "integer" | "number", options: NumberFlagOptions & { readonly exclusiveMin?: boolean }) => async (input: string, _context: unknown, flag: { readonly name: string }) => {
  const name = `--${flag.name}`
  const value = input.trim() === "" ? Number.NaN : Number(input)
  const range = rangeText(options.min, options.max, options.exclusiveMin === true)
  const wanted = `${kind === "integer" ? "a whole number" : "a number"}${options.unit === undefined ? "" : ` ${options.unit}`}${range === "" ? "" : `, ${range}`}`
  const reject = (problem: string) => new FlagValueRejected(name, `${name} ${JSON.stringify(input)} ${problem}.`, `Pass ${wanted}, e.g. ${name} ${options.example}.`)
  if (!Number.isFinite(value) || (kind === "integer" && !Number.isInteger(value))) throw reject(`is not ${kind === "integer" ? "a whole number" : "a number"}`)
  const belowMin = options.min !== undefined && (options.exclusiveMin === true ? value <= options.min : value < options.min)
  if (belowMin || (options.max !== undefined && value > options.max)) throw reject(`is out of range (${range})`)
  return value
}

/** A whole-number flag with a default; a bad value is a usage error naming the flag and the fix. */
export const integerFlag = (options: NumberFlagOptions & { readonly default: number }): Interfaces.OptionFlag<number> =>
  Flags.custom<number>({ ...flagProperties(options), default: options.default, parse: parseNumber("integer", options) })()

/** A whole-number flag without a default. */
export const optionalIntegerFlag = (options: NumberFlagOptions): Interfaces.OptionFlag<number | undefined> =>
  Flags.custom<number>({ ...flagProperties(options), parse: parseNumber("integer", options) })()

/** A number flag without a default (decimals allowed); `exclusiveMin` for amounts that must lie above the minimum. */
export const optionalNumberFlag = (options: NumberFlagOptions & { readonly exclusiveMin?: boolean }): Interfaces.OptionFlag<number | undefined> =>
  Flags.custom<number>({ ...flagProperties(options), parse: parseNumber("number", options) })()

/** A number flag with a default. */
export const numberFlag = (options: NumberFlagOptions & { readonly exclusiveMin?: boolean; readonly default: number }): Interfaces.OptionFlag<number> =>
  Flags.custom<number>({ ...flagProperties(options), default: options.default, parse: parseNumber("number", options) })()

const flagProperties = (options: NumberFlagOptions) => ({
  description: options.description,
  ...(options.helpGroup === undefined ? {} : { helpGroup: options.helpGroup }),
  ...(options.env === undefined ? {} : { env: options.env })
})
