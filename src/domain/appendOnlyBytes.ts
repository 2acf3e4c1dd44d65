/** Handed-off chunks kept for reuse. */
const MAX_SPARES = 2

/**
 * UTF-8 text appended into large private chunks: compact (no per-piece object), never shares
 * memory with short-lived buffers (so it holds nothing else alive), and a snapshot stays valid
 * while more is appended. With `handOff`, each chunk that fills up is given away instead of
 * kept, so only the newest chunk stays in memory; a chunk given back with `recycle` is filled
 * again, so a snapshot then copies the newest chunk instead of pointing into it.
 */
export class AppendOnlyBytes {
  private readonly full: Buffer[] = []
  private current: Buffer
  private used = 0
  private total = 0
  /** Chunks handed off and given back (`recycle`), filled again instead of fresh memory. */
  private readonly spares: Buffer[] = []

  constructor(
    private readonly chunkSize = 1024 * 1024,
    private readonly handOff?: (chunk: Buffer) => void
  ) {
    this.current = Buffer.allocUnsafeSlow(chunkSize)
  }

  append(text: string): void {
    // At most three bytes per UTF-16 code unit: when that fits, write without measuring first.
    if (this.used + text.length * 3 <= this.current.length) {
      const written = this.current.write(text, this.used, "utf8")
      this.used += written
      this.total += written
      return
    }
    const length = Buffer.byteLength(text, "utf8")
    if (this.used + length > this.current.length) {
      if (this.used > 0) this.retire(this.current.subarray(0, this.used))
      const spare = this.spares.pop()
      this.current = spare !== undefined && spare.length >= length ? spare : Buffer.allocUnsafeSlow(Math.max(this.chunkSize, length))
      this.used = 0
    }
    this.used += this.current.write(text, this.used, "utf8")
    this.total += length
  }

  private retire(chunk: Buffer): void {
    if (this.handOff === undefined) {
      this.full.push(chunk)
    } else {
      this.handOff(chunk)
    }
  }

  /** A chunk given to `handOff` that is no longer needed: its memory is filled again. */
  recycle(chunk: Uint8Array): void {
    const whole = Buffer.from(chunk.buffer, 0, chunk.buffer.byteLength)
    if (whole.length === this.chunkSize && this.spares.length < MAX_SPARES) this.spares.push(whole)
  }

  get byteLength(): number {
    return this.total
  }

  /** Everything appended so far and not handed off, as a list of byte ranges in order. */
  snapshot(): ReadonlyArray<Uint8Array> {
    if (this.used === 0) return [...this.full]
    const newest = this.current.subarray(0, this.used)
    return [...this.full, this.handOff === undefined ? newest : Buffer.from(newest)]
  }
}
