/**
 * Kafka positions: for each topic and partition, the offset of the next record to read
 * (Kafka's "end offset" when nothing newer exists). Offsets are int64, kept as decimal
 * strings on disk and as bigint while counting.
 */
export type TopicOffsets = Readonly<Record<string, Readonly<Record<string, string>>>>

/** Mutable positions while records stream by. */
export class Positions {
  private readonly next = new Map<string, Map<number, bigint>>()

  constructor(start: TopicOffsets = {}) {
    for (const [topic, partitions] of Object.entries(start)) {
      for (const [partition, offset] of Object.entries(partitions)) this.raise(topic, Number(partition), BigInt(offset))
    }
  }

  get(topic: string, partition: number): bigint | undefined {
    return this.next.get(topic)?.get(partition)
  }

  /** True when the record at `offset` has not been passed yet. */
  isAhead(topic: string, partition: number, offset: bigint): boolean {
    const position = this.get(topic, partition)
    return position === undefined || offset >= position
  }

  /** Moves a partition forward (never back). */
  raise(topic: string, partition: number, next: bigint): void {
    let partitions = this.next.get(topic)
    if (partitions === undefined) {
      partitions = new Map()
      this.next.set(topic, partitions)
    }
    const current = partitions.get(partition)
    if (current === undefined || next > current) partitions.set(partition, next)
  }

  /** Records the record at `offset` as passed. */
  pass(topic: string, partition: number, offset: bigint): void {
    this.raise(topic, partition, offset + 1n)
  }

  snapshot(): TopicOffsets {
    const out: Record<string, Record<string, string>> = {}
    for (const [topic, partitions] of this.next) {
      const entry: Record<string, string> = {}
      for (const [partition, offset] of [...partitions].sort((a, b) => a[0] - b[0])) entry[String(partition)] = offset.toString()
      out[topic] = entry
    }
    return out
  }
}

/** Partition by partition, the further of two positions. */
export const furthestOf = (a: TopicOffsets, b: TopicOffsets): TopicOffsets => {
  const positions = new Positions(a)
  for (const [topic, partitions] of Object.entries(b)) {
    for (const [partition, offset] of Object.entries(partitions)) positions.raise(topic, Number(partition), BigInt(offset))
  }
  return positions.snapshot()
}
