package dev.sluice.server.internal;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import dev.sluice.flow.CronExpression;
import java.io.Serializable;
import java.time.Instant;

/**
 * A flow's {@code schedule: "cron …"} as a db-scheduler schedule: the next run is the expression's next time (UTC)
 * after the previous run ended, computed by the same {@link CronExpression} that shows people the next times.
 * Serialised with the execution (the expression's text only). Immutable and thread-safe.
 */
final class CronFlowSchedule implements Schedule, Serializable {
    private static final long serialVersionUID = 1L;

    private final String expression;

    CronFlowSchedule(String expression) {
        this.expression = expression;
    }

    @Override
    public Instant getNextExecutionTime(ExecutionComplete done) {
        return next(done.getTimeDone());
    }

    @Override
    public Instant getInitialExecutionTime(Instant now) {
        return next(now);
    }

    private Instant next(Instant after) {
        return CronExpression.parse(expression).next(after).orElse(Schedule.NEVER);
    }

    @Override
    public boolean isDeterministic() {
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CronFlowSchedule c && c.expression.equals(expression);
    }

    @Override
    public int hashCode() {
        return expression.hashCode();
    }

    @Override
    public String toString() {
        return "cron " + expression;
    }
}
