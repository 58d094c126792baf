package dev.sluice.bench.macro;

/**
 * One measured figure: Sluice's value, the baseline's, their ratio, the target and whether it was met.
 * Immutable.
 *
 * @param baseline the baseline's value, or NaN when the figure has none
 * @param targetRatio the ratio (or absolute value, see {@code absolute}) to reach, or NaN for report-only
 * @param higherIsBetter whether a larger value is better
 * @param fullSizeOnly whether the target is stated for the full-size run only (speed ratios): a quick
 *     run reports it without judging it
 */
public record Figure(String name, String unit, double sluice, double baseline, double targetRatio,
        boolean absolute, boolean higherIsBetter, boolean fullSizeOnly, String note) {

    public double ratio() {
        return Double.isNaN(baseline) || baseline == 0 ? Double.NaN : sluice / baseline;
    }

    /** Whether the target is met (true for report-only figures). */
    public boolean met() {
        if (Double.isNaN(targetRatio)) {
            return true;
        }
        double v = absolute ? sluice : ratio();
        return higherIsBetter ? v >= targetRatio : v <= targetRatio;
    }

    /** Whether this figure decides the run's exit code: always at full size, else only size-independent ones. */
    public boolean judged(boolean quick) {
        return !quick || !fullSizeOnly;
    }

    public String target() {
        if (Double.isNaN(targetRatio)) {
            return "report";
        }
        String op = higherIsBetter ? "≥ " : "≤ ";
        return absolute ? op + fmt(targetRatio) + " " + unit : op + fmt(targetRatio) + "×";
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format("%,.0f", v);
        }
        return Math.abs(v) >= 100 ? String.format("%,.0f", v) : String.format("%.2f", v);
    }
}
