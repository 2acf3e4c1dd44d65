import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"

interface StoredEvent {
  readonly topic: string
  readonly event: { readonly data: Record<string, unknown> }
}

/** The events a run folder stored, by file (`comparisons`, `completions`, …). */
export const storedEvents = (runFolder: string): Record<string, StoredEvent[]> => {
  const dir = join(runFolder, "events")
  if (!existsSync(dir)) return {}
  return Object.fromEntries(
    readdirSync(dir)
      .filter((name) => name.endsWith(".jsonl") && name !== "invalid.jsonl")
      .map((name) => [
        name.replace(/\.jsonl$/u, ""),
        readFileSync(join(dir, name), "utf8")
          .split("\n")
          .filter((line) => line.trim() !== "")
          .map((line) => JSON.parse(line) as StoredEvent)
      ])
  )
}

/**
 * What a rehearsal must reproduce of a batch: how many events of each kind arrived, how many
 * comparisons failed, CJ's completion status, and the reason (and the names of the details) of a
 * failure event. Comparisons themselves differ: the judges differ.
 */
export const batchShape = (runFolder: string) => {
  const events = storedEvents(runFolder)
  const comparisons = events["comparisons"] ?? []
  const failure = events["failures"]?.[0]?.event.data["system_metadata"] as { error_info?: { reason?: string; details?: Record<string, unknown> } } | undefined
  return {
    kinds: Object.fromEntries(Object.entries(events).map(([kind, list]) => [kind, list.length])),
    failedComparisons: comparisons.filter((c) => c.event.data["error_detail"] !== null).length,
    completionStatus: events["completions"]?.[0]?.event.data["status"] ?? null,
    failureReason: failure?.error_info?.reason ?? null,
    failureDetails: Object.keys(failure?.error_info?.details ?? {}).toSorted()
  }
}
