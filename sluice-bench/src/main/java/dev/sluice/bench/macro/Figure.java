package dev.sluice.bench.macro;

/**
 * One measured figure: Sluice's value, the baseline's, their ratio, the target and whether it was met.
 *
 * @param baseline the baseline's value, or NaN when the figure has none
 * @param targetRatio the ratio (or absolute value, see {@code absolute}) to reach, or NaN for report-only
 * @param higherIsBetter whether a larger value is better
 */
public record Figure(String name, String unit, double sluice, double baseline, double targetRatio,
        boolean absolute, boolean higherIsBetter, String note) {

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
        return Math.abs(v) >= 100 ? String.format("%,.0f", v) : String.format("%.2f", v);
    }
}
