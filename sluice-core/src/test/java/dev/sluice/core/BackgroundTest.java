package dev.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BackgroundTest {
    @Test
    void theWorkRunsOnADaemonThreadOfItsNameAndJoinGivesItsValue() {
        Background<Thread> b = Background.start("test-background", Thread::currentThread);
        Thread ran = b.join();
        assertThat(ran).isNotSameAs(Thread.currentThread());
        assertThat(ran.getName()).isEqualTo("test-background");
        assertThat(ran.isDaemon()).isTrue();
        assertThat(b.join()).as("again: the same value").isSameAs(ran);
    }

    @Test
    void whatTheWorkThrowsComesOutOfJoinAsItWasThrown() {
        SluiceException failure = new SluiceException(ErrorKind.INVALID_INPUT, "bad keyset");
        assertThatThrownBy(() -> Background.start("t", () -> { throw failure; }).join()).isSameAs(failure);
        AssertionError error = new AssertionError("an error");
        assertThatThrownBy(() -> Background.start("t", () -> { throw error; }).join()).isSameAs(error);
        IOException checked = new IOException("checked");
        assertThatThrownBy(() -> Background.start("t", () -> { throw checked; }).join())
                .isInstanceOf(IllegalStateException.class).hasCause(checked);
    }

    @Test
    void anInterruptWhileWaitingDoesNotEndTheWaitAndIsKeptForTheCaller() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Background<String> b = Background.start("t", () -> {
            release.await();
            return "done";
        });
        AtomicReference<String> value = new AtomicReference<>();
        AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            value.set(b.join());
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        });
        waiter.start();
        while (waiter.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        waiter.interrupt();
        Thread.sleep(50); // a join that gave up on the interrupt would have ended by now, without the value
        assertThat(value.get()).isNull();
        release.countDown();
        waiter.join(10_000);
        assertThat(value.get()).isEqualTo("done");
        assertThat(interruptedAfter.get()).isTrue();
    }
}
