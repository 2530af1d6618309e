/** Lanczos coefficients for g = 7, n = 9 (Numerical Recipes 3rd ed., §6.1; Godfrey's values). */
const G = 7;
const COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/**
 * Natural logarithm of the gamma function for x > 0, by the Lanczos approximation
 * (relative error about 1e-15); `ln Γ(x) = ln Γ(x + 1) − ln x` is used below 0.5.
 * NaN-free: returns Infinity for x <= 0 (Γ has poles or is not used there).
 */
export function logGamma(x: number): number {
  if (!(x > 0)) return Infinity;
  if (x < 0.5) return logGamma(x + 1) - Math.log(x);
  const z = x - 1;
  let sum = COEFFICIENTS[0] as number;
  for (let i = 1; i < COEFFICIENTS.length; i += 1) sum += (COEFFICIENTS[i] as number) / (z + i);
  const t = z + G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}
