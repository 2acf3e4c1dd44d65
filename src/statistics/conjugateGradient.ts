/**
 * Solves A·x = b for a symmetric positive-definite A given only as a product x ↦ A·x, by
 * conjugate gradients with a diagonal (Jacobi) preconditioner. A Bradley–Terry information
 * matrix is a graph Laplacian plus a diagonal: sparse, so a product costs one pass over the
 * compared pairs, where a dense factorisation would cost n³.
 */
const norm = (vector: Float64Array): number => Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0))

export const conjugateGradient = (
  multiply: (x: Float64Array, into: Float64Array) => void,
  diagonal: Float64Array,
  rhs: Float64Array,
  relativeTolerance = 1e-13
): Float64Array => {
  const size = rhs.length
  const x = new Float64Array(size)
  const residual = Float64Array.from(rhs)
  const preconditioned = residual.map((value, i) => value / (diagonal[i] as number))
  const direction = Float64Array.from(preconditioned)
  const product = new Float64Array(size)
  const target = relativeTolerance * norm(rhs)
  let rho = residual.reduce((sum, value, i) => sum + value * (preconditioned[i] as number), 0)
  const maxIterations = 10 * size + 100
  for (let iteration = 0; iteration < maxIterations && norm(residual) > target; iteration++) {
    multiply(direction, product)
    const curvature = direction.reduce((sum, value, i) => sum + value * (product[i] as number), 0)
    if (!(curvature > 0)) break
    const step = rho / curvature
    for (let i = 0; i < size; i++) {
      x[i] = (x[i] as number) + step * (direction[i] as number)
      residual[i] = (residual[i] as number) - step * (product[i] as number)
      preconditioned[i] = (residual[i] as number) / (diagonal[i] as number)
    }
    const next = residual.reduce((sum, value, i) => sum + value * (preconditioned[i] as number), 0)
    const beta = next / rho
    rho = next
    for (let i = 0; i < size; i++) direction[i] = (preconditioned[i] as number) + beta * (direction[i] as number)
  }
  return x
}
