/** Dense symmetric positive-definite algebra, for the standard errors (one factorisation per batch). */

export type SquareMatrix = Array<Float64Array>

const zeroMatrix = (size: number): SquareMatrix => Array.from({ length: size }, () => new Float64Array(size))

/** Lower-triangular L with L·Lᵀ = matrix (a copy; the matrix is left alone). Throws if it is not positive definite. */
const cholesky = (matrix: SquareMatrix): SquareMatrix => {
  const size = matrix.length
  const lower = zeroMatrix(size)
  for (let row = 0; row < size; row++) {
    const lowerRow = lower[row] as Float64Array
    for (let column = 0; column <= row; column++) {
      const lowerColumn = lower[column] as Float64Array
      let sum = (matrix[row] as Float64Array)[column] as number
      for (let k = 0; k < column; k++) sum -= (lowerRow[k] as number) * (lowerColumn[k] as number)
      if (row === column) {
        if (!(sum > 0)) throw new RangeError("matrix is not positive definite")
        lowerRow[column] = Math.sqrt(sum)
      } else {
        lowerRow[column] = sum / (lowerColumn[column] as number)
      }
    }
  }
  return lower
}

/**
 * The diagonal of the inverse of a symmetric positive-definite matrix: with L·Lᵀ = A,
 * A⁻¹ = L⁻ᵀ·L⁻¹, so (A⁻¹)_ii is the sum of squares of column i of L⁻¹.
 */
export const inverseDiagonal = (matrix: SquareMatrix): Float64Array => {
  const size = matrix.length
  const lower = cholesky(matrix)
  const diagonal = new Float64Array(size)
  const column = new Float64Array(size)
  for (let unit = 0; unit < size; unit++) {
    // Column `unit` of L⁻¹, by forward substitution on L·x = e_unit; entries above `unit` are 0.
    column.fill(0)
    for (let row = unit; row < size; row++) {
      const lowerRow = lower[row] as Float64Array
      let sum = row === unit ? 1 : 0
      for (let k = unit; k < row; k++) sum -= (lowerRow[k] as number) * (column[k] as number)
      column[row] = sum / (lowerRow[row] as number)
      diagonal[unit] = (diagonal[unit] as number) + (column[row] as number) ** 2
    }
  }
  return diagonal
}
