package dev.sluice.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RequestBudgetTest {
    @Test
    void withoutAFigureNothingIsHeldBack() throws Exception {
        RequestBudget budget = new RequestBudget();
        for (int i = 0; i < 100; i++) {
            assertThat(budget.acquire().probe()).isFalse();
        }
    }

    @Test
    void attemptsSentAfterTheReportingOneAreCountedAgainstItsFigure() throws Exception {
        RequestBudget budget = new RequestBudget();
        RequestBudget.Attempt first = budget.acquire();
        budget.acquire();
        budget.acquire();

        budget.complete(first, 204, OptionalLong.of(5));

        assertThat(budget.available()).isEqualTo(3);
    }

    @Test
    void anAnswerOvertakenByALaterOneMayLowerTheFigureButNotRaiseIt() throws Exception {
        RequestBudget budget = new RequestBudget();
        RequestBudget.Attempt early = budget.acquire();
        RequestBudget.Attempt late = budget.acquire();

        budget.complete(late, 204, OptionalLong.of(1));
        long fromTheLaterFigure = budget.available();
        budget.complete(early, 204, OptionalLong.of(3));

        assertThat(budget.available()).isEqualTo(fromTheLaterFigure);
    }

    @Test
    void anAttemptSentEarlierButStillOnTheWireIsNotTakenAsCountedInALaterFigure() throws Exception {
        // the earlier attempt may reach the service after the later one's figure was taken
        RequestBudget budget = new RequestBudget();
        budget.acquire();
        RequestBudget.Attempt later = budget.acquire();

        budget.complete(later, 204, OptionalLong.of(2));

        assertThat(budget.available()).isEqualTo(1);
    }

    @Test
    void attemptsAnsweredBeforeTheReportingOneWasSentAreInItsFigure() throws Exception {
        RequestBudget budget = new RequestBudget();
        RequestBudget.Attempt first = budget.acquire();
        budget.complete(first, 204, OptionalLong.of(9));
        RequestBudget.Attempt second = budget.acquire();

        budget.complete(second, 204, OptionalLong.of(8));

        assertThat(budget.available()).isEqualTo(8);
    }

    @Test
    void onceSpentOnlyOneProbeGoesOutUntilItsAnswerComes() throws Exception {
        RequestBudget budget = new RequestBudget();
        RequestBudget.Attempt a = budget.acquire();
        budget.complete(a, 204, OptionalLong.of(0));

        RequestBudget.Attempt probe = budget.acquire();
        assertThat(probe.probe()).isTrue();
        CompletableFuture<RequestBudget.Attempt> next = CompletableFuture.supplyAsync(() -> {
            try {
                return budget.acquire();
            } catch (java.io.InterruptedIOException e) {
                throw new IllegalStateException(e);
            }
        });
        await().until(() -> budget.hasWaitingAttempt() || next.isDone());
        assertThat(next).isNotDone();

        budget.complete(probe, 204, OptionalLong.of(10));

        assertThat(next.get(5, TimeUnit.SECONDS).probe()).isFalse();
        assertThat(budget.available()).isEqualTo(9);
    }

    @Test
    void theProbeWaitsUntilEveryAttemptOnTheWireIsAnswered() throws Exception {
        RequestBudget budget = new RequestBudget();
        RequestBudget.Attempt reporting = budget.acquire();
        RequestBudget.Attempt onTheWire = budget.acquire();
        budget.complete(reporting, 204, OptionalLong.of(0));
        CompletableFuture<RequestBudget.Attempt> probe = CompletableFuture.supplyAsync(() -> {
            try {
                return budget.acquire();
            } catch (java.io.InterruptedIOException e) {
                throw new IllegalStateException(e);
            }
        });
        await().until(() -> budget.hasWaitingAttempt() || probe.isDone());
        assertThat(probe).isNotDone();

        budget.complete(onTheWire, 204, OptionalLong.of(0));

        assertThat(probe.get(5, TimeUnit.SECONDS).probe()).isTrue();
    }

    @Test
    void a429SpendsTheBudgetAndAnEarlierAnswerDoesNotUndoIt() throws Exception {
        RequestBudget budget = new RequestBudget();
        RequestBudget.Attempt inFlight = budget.acquire();
        RequestBudget.Attempt refused = budget.acquire();

        budget.complete(refused, 429, OptionalLong.empty());
        budget.complete(inFlight, 204, OptionalLong.of(7));

        assertThat(budget.available()).isZero();
        assertThat(budget.acquire().probe()).isTrue();
    }

    @Test
    void a503SpendsTheBudgetUntilAProbeGetsThrough() throws Exception {
        RequestBudget budget = new RequestBudget();
        RequestBudget.Attempt inFlight = budget.acquire();
        RequestBudget.Attempt refused = budget.acquire();

        budget.complete(refused, 503, OptionalLong.empty());
        budget.complete(inFlight, 204, OptionalLong.of(7));

        assertThat(budget.available()).isZero();
        RequestBudget.Attempt probe = budget.acquire();
        assertThat(probe.probe()).isTrue();
        budget.complete(probe, 204, OptionalLong.empty());
        assertThat(budget.acquire().probe()).isFalse();
    }

    @Test
    void theHeaderIsReadWithOrWithoutThousandsSeparators() {
        assertThat(RequestBudget.parse(Optional.of("5,999"))).hasValue(5999);
        assertThat(RequestBudget.parse(Optional.of(" 12 "))).hasValue(12);
        assertThat(RequestBudget.parse(Optional.of("many"))).isEmpty();
        assertThat(RequestBudget.parse(Optional.empty())).isEmpty();
    }
}
