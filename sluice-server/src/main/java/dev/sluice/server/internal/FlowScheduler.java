package dev.sluice.server.internal;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.jdbc.DefaultJdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.JdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.PostgreSqlJdbcCustomization;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.PlainScheduleAndData;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTaskWithPersistentSchedule;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.sluice.flow.FlowDefinition;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schedules and triggers of flows through db-scheduler over the engine store's {@code scheduled_tasks} table: one
 * recurring execution per flow and kind ({@code schedule:NAME} every {@code schedule:} interval or at its cron
 * expression's times, {@code trigger:NAME} every trigger interval), each picked by exactly one node of all the servers
 * sharing the database; an interval is next due a fixed delay after the previous run ends, a cron expression at its
 * next time after that. A tick queues a run of the flow ({@link RunQueue}) unless one is queued or running already;
 * the run goes to whichever node has room. Thread-safe.
 */
public final class FlowScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(FlowScheduler.class);
    /** The task name in {@code scheduled_tasks}. */
    static final String TASK = "sluice-flow";
    static final String SCHEDULE = "schedule";
    static final String TRIGGER = "trigger";
    /** Parallel ticks per node: a tick only queues a run, which the run queue runs. */
    private static final int THREADS = 2;

    /** Queues a run of one flow for a kind ({@code schedule} or {@code trigger}). */
    public interface Work {
        void run(String flow, String kind);
    }

    private final RecurringTaskWithPersistentSchedule<PlainScheduleAndData> task;
    private final Scheduler scheduler;

    /**
     * @param polling how often due schedules and triggers are looked for
     * @param node this node: its name marks what it picked, and a tick it was running when it stopped answering is
     *     picked again by another node after its lease, like a run
     */
    public FlowScheduler(DataSource dataSource, Duration polling, LocalNode node, Work work) {
        this.task = Tasks.recurringWithPersistentSchedule(TASK, PlainScheduleAndData.class)
                .execute((instance, ctx) -> {
                    String id = instance.getId();
                    int colon = id.indexOf(':');
                    work.run(id.substring(colon + 1), id.substring(0, colon));
                });
        this.scheduler = Scheduler.create(dataSource, task)
                .jdbcCustomization(jdbcCustomization(dataSource))
                .pollingInterval(polling)
                .threads(THREADS)
                .schedulerName(new com.github.kagkarlsson.scheduler.SchedulerName.Fixed(node.name()))
                .heartbeatInterval(node.lease().dividedBy(RunQueue.MISSED_HEARTBEATS))
                .missedHeartbeatsLimit(RunQueue.MISSED_HEARTBEATS)
                .alwaysPersistTimestampInUTC()
                .enableImmediateExecution()
                .build();
    }

    /**
     * db-scheduler's SQL dialect, chosen here: its autodetection knows PostgreSQL but not H2, and says so with a WARN
     * at every start. H2 takes the standard SQL; timestamps go to the {@code TIMESTAMP WITH TIME ZONE} columns in UTC.
     */
    static JdbcCustomization jdbcCustomization(DataSource dataSource) {
        String product;
        try (java.sql.Connection c = dataSource.getConnection()) {
            product = c.getMetaData().getDatabaseProductName();
        } catch (java.sql.SQLException e) {
            // the database cannot be asked now (the scheduler's first poll will say why): the standard SQL dialect
            LOG.debug("cannot read the database product; using standard SQL", e);
            product = "";
        }
        return "PostgreSQL".equals(product) ? new PostgreSqlJdbcCustomization(false, true)
                : new DefaultJdbcCustomization(true);
    }

    public void start() {
        scheduler.start();
    }

    public void stop() {
        scheduler.stop();
    }

    /** Makes the flow's schedule and trigger executions match its definition (null: none). */
    public void sync(String flow, FlowDefinition def) {
        Optional<Schedule> schedule = def == null ? Optional.empty()
                : def.scheduleCron().<Schedule>map(c -> new CronFlowSchedule(c.text()))
                        .or(() -> def.scheduleInterval().map(Schedules::fixedDelay));
        syncSchedule(flow, SCHEDULE, schedule);
        sync(flow, TRIGGER, def == null || def.source().trigger() == null ? Optional.empty()
                : Optional.of(def.source().trigger().interval()));
    }

    /** Cancels the executions of flows not in {@code flows} (deleted or renamed). */
    public void forgetAllBut(Collection<String> flows) {
        Set<String> keep = new HashSet<>(flows);
        for (ScheduledExecution<Object> e : scheduler.getScheduledExecutionsForTask(TASK)) {
            String id = e.getTaskInstance().getId();
            if (!keep.contains(id.substring(id.indexOf(':') + 1)) && !e.isPicked()) {
                cancel(TaskInstanceId.of(TASK, id));
            }
        }
    }

    private void sync(String flow, String kind, Optional<Duration> every) {
        syncSchedule(flow, kind, every.map(Schedules::fixedDelay));
    }

    private void syncSchedule(String flow, String kind, Optional<Schedule> schedule) {
        String id = kind + ":" + flow;
        TaskInstanceId key = TaskInstanceId.of(TASK, id);
        Optional<ScheduledExecution<Object>> existing = scheduler.getScheduledExecution(key);
        if (schedule.isEmpty()) {
            existing.ifPresent(e -> cancel(key));
            return;
        }
        Schedule wanted = schedule.get();
        PlainScheduleAndData data = new PlainScheduleAndData(wanted, flow);
        if (existing.isEmpty()) {
            if (scheduler.scheduleIfNotExists(task.schedulableInstance(id, data))) {
                LOG.info("flow scheduled flow={} kind={} schedule={}", flow, kind, wanted);
            }
        } else if (!sameSchedule(existing.get(), wanted)) {
            try {
                scheduler.reschedule(task.schedulableInstance(id, data));
                LOG.info("flow rescheduled flow={} kind={} schedule={}", flow, kind, wanted);
            } catch (RuntimeException e) {
                LOG.warn("flow not rescheduled (running now?) flow={} kind={} message={}", flow, kind, e.getMessage());
            }
        }
    }

    private static boolean sameSchedule(ScheduledExecution<Object> e, Schedule wanted) {
        Object data = e.getData();
        return data instanceof PlainScheduleAndData p && Objects.equals(String.valueOf(p.getSchedule()),
                String.valueOf(wanted));
    }

    private void cancel(TaskInstanceId key) {
        try {
            scheduler.cancel(key);
            LOG.info("flow schedule cancelled instance={}", key.getId());
        } catch (RuntimeException e) {
            LOG.warn("flow schedule not cancelled (running now?) instance={} message={}", key.getId(), e.getMessage());
        }
    }
}
