import type { IndexedOutcome } from "./pairTable.js"

/**
 * Strongly connected components of the win/loss graph (an edge from each winner to its
 * loser): essays that can each be reached from every other along "beat" edges. The
 * Bradley–Terry likelihood pins the essays of one component against each other; between
 * components (say, an essay that won all its comparisons) only the estimator's prior sets the
 * distance, so a spread of scores across components is not evidence. Tarjan's algorithm,
 * iterative. Returns each essay's component number.
 */
export const strongComponents = (size: number, outcomes: ReadonlyArray<IndexedOutcome>): Int32Array => {
  const beaten: Array<Array<number>> = Array.from({ length: size }, () => [])
  for (const { winner, loser } of outcomes) (beaten[winner] as Array<number>).push(loser)
  const component = new Int32Array(size).fill(-1)
  const order = new Int32Array(size).fill(-1)
  const low = new Int32Array(size)
  const onStack = new Uint8Array(size)
  const stack: Array<number> = []
  let visited = 0
  let components = 0
  for (let start = 0; start < size; start++) {
    if ((order[start] as number) !== -1) continue
    const frames: Array<{ essay: number; next: number }> = [{ essay: start, next: 0 }]
    order[start] = low[start] = visited++
    stack.push(start)
    onStack[start] = 1
    while (frames.length > 0) {
      const frame = frames.at(-1) as { essay: number; next: number }
      const edges = beaten[frame.essay] as Array<number>
      if (frame.next < edges.length) {
        const to = edges[frame.next++] as number
        if ((order[to] as number) === -1) {
          order[to] = low[to] = visited++
          stack.push(to)
          onStack[to] = 1
          frames.push({ essay: to, next: 0 })
        } else if (onStack[to] === 1) {
          low[frame.essay] = Math.min(low[frame.essay] as number, order[to] as number)
        }
        continue
      }
      frames.pop()
      const parent = frames.at(-1)
      if (parent !== undefined) low[parent.essay] = Math.min(low[parent.essay] as number, low[frame.essay] as number)
      if (low[frame.essay] === order[frame.essay]) {
        let member: number
        do {
          member = stack.pop() as number
          onStack[member] = 0
          component[member] = components
        } while (member !== frame.essay)
        components++
      }
    }
  }
  return component
}

/** The largest share of the chosen essays (by index) that one strongly connected component holds; null for none chosen. */
export const largestComponentShare = (size: number, outcomes: ReadonlyArray<IndexedOutcome>, chosen: ReadonlyArray<number>): number | null => {
  if (chosen.length === 0) return null
  const component = strongComponents(size, outcomes)
  const counts = new Map<number, number>()
  for (const essay of chosen) counts.set(component[essay] as number, (counts.get(component[essay] as number) ?? 0) + 1)
  return Math.max(...counts.values()) / chosen.length
}
