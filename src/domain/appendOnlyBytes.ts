/**
 * UTF-8 text appended into large private chunks: compact (no per-piece object), never shares
 * memory with short-lived buffers (so it holds nothing else alive), and a snapshot is cheap and
 * stays valid while more is appended, since written bytes never change. With `handOff`, each
 * chunk that fills up is given away instead of kept, so only the newest chunk stays in memory.
 */
export class AppendOnlyBytes {
  private readonly full: Buffer[] = []
  private current: Buffer
  private used = 0
  private total = 0


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
      this.current = Buffer.allocUnsafeSlow(Math.max(this.chunkSize, length))
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

  get byteLength(): number {
    return this.total
  }

  /** Everything appended so far and not handed off, as a list of byte ranges in order. */
  snapshot(): ReadonlyArray<Uint8Array> {
    return this.used === 0 ? [...this.full] : [...this.full, this.current.subarray(0, this.used)]
  }
}
