/** The standard normal distribution, for the approximations that stand in for a sum too long to walk. */

/**
 * Complementary error function, relative error below 1.2e-7 everywhere (Numerical Recipes, 2nd ed.,
 * §6.2, `erfcc`: a Chebyshev fit of erfc(x)·e^{x²}).
 */
export function erfc(x: number): number {
    const z = Math.abs(x);
    const t = 1 / (1 + 0.5 * z);
    const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
        + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
    return x >= 0 ? r : 2 - r;
}

/**
 * The standard normal quantile Φ⁻¹(p) for p in (0, 1), relative error below 1.2e-9 (P. J. Acklam's
 * rational approximation, 2003: central region 0.02425 ≤ p ≤ 0.97575, tails in q = √(−2 ln p)). `upper`
 * gives Φ⁻¹(1 − p) without forming 1 − p, so a p of 1e-20 keeps its digits.
 */
export function normalQuantile(p: number, upper = false): number {
    if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile needs a probability strictly between 0 and 1, got ${p}`);
    const a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
    const b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
    const c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
    const d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
    const tail = (q0: number): number => {
        const q = Math.sqrt(-2 * Math.log(q0));
        return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    };
    // The lower-tail quantile of `p` is minus the upper-tail quantile of `p`.
    const sign = upper ? -1 : 1;
    if (p < 0.02425) return sign * tail(p);
    if (p > 0.97575) return -sign * tail(1 - p);
    const q = p - 0.5;
    const r = q * q;
    const central = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
        / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    return sign * central;
}
