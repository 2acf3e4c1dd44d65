/** Dense symmetric positive-definite algebra for the Bradley–Terry fit (n is at most a few hundred essays). */

export type SquareMatrix = Array<Float64Array>

export const zeroMatrix = (size: number): SquareMatrix => Array.from({ length: size }, () => new Float64Array(size))

const at = (matrix: SquareMatrix, row: number, column: number): number => (matrix[row] as Float64Array)[column] as number

/** Σ a[k]·b[k] for k < length, four products at a time: the inner loop of a Cholesky factorisation, most of a forecast's time. */
const dot = (a: Float64Array, b: Float64Array, length: number): number => {
  let s0 = 0
  let s1 = 0
  let s2 = 0
  let s3 = 0
  let k = 0
  for (; k + 3 < length; k += 4) {
    s0 += (a[k] as number) * (b[k] as number)
    s1 += (a[k + 1] as number) * (b[k + 1] as number)
    s2 += (a[k + 2] as number) * (b[k + 2] as number)
    s3 += (a[k + 3] as number) * (b[k + 3] as number)
  }
  for (; k < length; k++) s0 += (a[k] as number) * (b[k] as number)
  return s0 + s1 + (s2 + s3)
}

/**
 * Overwrites the lower triangle of `matrix` with L, L·Lᵀ = matrix, and returns it; the upper
 * triangle is left as it was and never read by choleskySolve. Saves an n×n allocation per Newton step.
 * Throws if the matrix is not positive definite.
 */
export const choleskyInPlace = (matrix: SquareMatrix): SquareMatrix => {
  const size = matrix.length
  for (let row = 0; row < size; row++) {
    const lowerRow = matrix[row] as Float64Array
    for (let column = 0; column <= row; column++) {
      const lowerColumn = matrix[column] as Float64Array
      const sum = (lowerRow[column] as number) - dot(lowerRow, lowerColumn, column)
      if (row === column) {
        if (!(sum > 0)) throw new RangeError("matrix is not positive definite")
        lowerRow[column] = Math.sqrt(sum)
      } else {
        lowerRow[column] = sum / (lowerColumn[column] as number)
      }
    }
  }
  return matrix
}

/** Lower-triangular L with L·Lᵀ = matrix. Throws if the matrix is not positive definite. */
export const cholesky = (matrix: SquareMatrix): SquareMatrix => {
  const lower = choleskyInPlace(matrix.map((row) => Float64Array.from(row)))
  for (let row = 0; row < lower.length; row++) (lower[row] as Float64Array).fill(0, row + 1)
  return lower
}

/** Solves (L·Lᵀ)·x = rhs given the Cholesky factor L. */
export const choleskySolve = (lower: SquareMatrix, rhs: ArrayLike<number>): Float64Array => {
  const size = lower.length
  const forward = new Float64Array(size)
  for (let row = 0; row < size; row++) {
    let sum = rhs[row] as number
    for (let k = 0; k < row; k++) sum -= at(lower, row, k) * (forward[k] as number)
    forward[row] = sum / at(lower, row, row)
  }
  const solution = new Float64Array(size)
  for (let row = size - 1; row >= 0; row--) {
    let sum = forward[row] as number
    for (let k = row + 1; k < size; k++) sum -= at(lower, k, row) * (solution[k] as number)
    solution[row] = sum / at(lower, row, row)
  }
  return solution
}

/** The inverse of a symmetric positive-definite matrix, one column at a time. */
export const inverseOfPositiveDefinite = (matrix: SquareMatrix): SquareMatrix => {
  const size = matrix.length
  const lower = cholesky(matrix)
  const inverse = zeroMatrix(size)
  const unit = new Float64Array(size)
  for (let column = 0; column < size; column++) {
    unit.fill(0)
    unit[column] = 1
    const solved = choleskySolve(lower, unit)
    for (let row = 0; row < size; row++) (inverse[row] as Float64Array)[column] = solved[row] as number
  }
  return inverse
}
