/**
 * How a run whose following stopped is continued. A live batch goes on in CJ and `eng5 run
 * attach` reads the rest from Kafka; the sandbox ran CJ inside the eng5 process, so its batch
 * ended with that process and only a new rehearsal with the same seed gives the run again.
 * The sandbox is recorded in run.json as its Kafka bootstrap, which carries the seed.
 */
const SANDBOX_KAFKA = "sandbox://kafka"

export const sandboxBootstrap = (seed: number): string => `${SANDBOX_KAFKA}?seed=${seed}`

export const isSandboxBootstrap = (bootstrap: string | null): boolean => bootstrap?.startsWith(SANDBOX_KAFKA) === true

const seedOf = (bootstrap: string): string | null => /[?&]seed=(-?\d+)/.exec(bootstrap)?.[1] ?? null

/** The sentence that tells a sandbox user what to do instead of attaching. */
export const rerunSandbox = (bootstrap: string): string => {
  const seed = seedOf(bootstrap)
  const seedFlag = seed === null ? "the same --seed" : `--seed ${seed}`
  return `The sandbox ran CJ inside the eng5 process that ended, so eng5 run attach cannot continue this batch. Run the rehearsal again (eng5 run execute --sandbox --await-completion) with the same data, flags and ${seedFlag}: the same seed and data give the same comparisons and results.`
}

export interface ContinueHint {
  /** The command that continues the batch; null when none can. */
  readonly attachCommand: string | null
  /** What to do, as one sentence. */
  readonly sentence: string
}

/** `bootstrap` is the Kafka the run followed (null when it never published). */
export const continueHintFor = (folder: string, bootstrap: string | null): ContinueHint =>
  bootstrap !== null && isSandboxBootstrap(bootstrap)
    ? { attachCommand: null, sentence: rerunSandbox(bootstrap) }
    : { attachCommand: `eng5 run attach ${folder}`, sentence: `Continue following the batch with \`eng5 run attach ${folder}\`.` }
