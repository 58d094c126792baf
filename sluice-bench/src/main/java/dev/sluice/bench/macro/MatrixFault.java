package dev.sluice.bench.macro;

/**
 * One column of the fault matrix: what the emulator does to the requests of a run, and when. Moments are shares
 * of the fault-free run's data requests (a blow falls once the run has sent that many), so a fault lands mid-run
 * at any size and however loaded the machine is.
 */
enum MatrixFault {
    NONE("fault-free"),
    DROP_BEFORE("5% dropped before the response"),
    DROP_MID_BODY("5% dropped mid-body"),
    STORM_429("429 storms"),
    BURST_503("503 bursts"),
    TOKEN_REVOKED("access token revoked mid-run"),
    IDP_DOWN("identity provider down during a refresh"),
    KILL_9("kill -9, then run again");

    private final String label;

    MatrixFault(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** Whether the wall-time target applies (the outage's own length is the user's to wait out). */
    boolean wallJudged() {
        return this != IDP_DOWN && this != NONE;
    }

    /** The admin API fault armed before the run starts, or null. */
    String before() {
        return switch (this) {
            case DROP_BEFORE -> "{\"kind\":\"drop-before-response\",\"fraction\":0.05,\"durationMs\":7200000,"
                    + "\"path\":\"/api/data/\"}";
            case DROP_MID_BODY -> "{\"kind\":\"drop-mid-body\",\"fraction\":0.05,\"durationMs\":7200000,"
                    + "\"path\":\"/api/data/\"}";
            default -> null;
        };
    }

    /** When, as shares of the fault-free run's work, the mid-run faults strike. */
    double[] moments() {
        return switch (this) {
            case STORM_429 -> new double[] {0.2, 0.5, 0.8};
            case BURST_503 -> new double[] {0.2, 0.4, 0.6, 0.8};
            case TOKEN_REVOKED -> new double[] {0.3, 0.7};
            case IDP_DOWN -> new double[] {0.3};
            default -> new double[0];
        };
    }
}
