package dev.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The error tree: the CLI's exit codes, the REST API's statuses and the retry decision hang on it. */
class ErrorKindTest {
    @Test
    void everyKindHasItsOwnExitCodeAndNoneIsZero() {
        assertThat(Arrays.stream(ErrorKind.values()).map(ErrorKind::exitCode)).doesNotHaveDuplicates()
                .doesNotContain(0);
        assertThat(ErrorKind.INVALID_INPUT.exitCode()).isEqualTo(2);
        assertThat(ErrorKind.INTERNAL.exitCode()).isEqualTo(1);
    }

    @Test
    void httpStatusesAreTheUsualOnes() {
        assertThat(ErrorKind.NOT_FOUND.httpStatus()).isEqualTo(404);
        assertThat(ErrorKind.CONFLICT.httpStatus()).isEqualTo(409);
        assertThat(ErrorKind.THROTTLED.httpStatus()).isEqualTo(429);
        assertThat(ErrorKind.AUTH.httpStatus()).isEqualTo(401);
        assertThat(ErrorKind.FORBIDDEN.httpStatus()).isEqualTo(403);
        assertThat(ErrorKind.INVALID_INPUT.httpStatus()).isEqualTo(400);
        assertThat(ErrorKind.TRANSIENT.httpStatus()).isEqualTo(503);
        assertThat(ErrorKind.INTERNAL.httpStatus()).isEqualTo(500);
    }

    @Test
    void onlyThrottlingAndPassingFailuresAreRetried() {
        assertThat(EnumSet.allOf(ErrorKind.class).stream().filter(ErrorKind::retryable))
                .containsExactlyInAnyOrder(ErrorKind.THROTTLED, ErrorKind.TRANSIENT);
    }

    @Test
    void anExceptionKeepsItsKindMessageAndCauseAndNeedsAKind() {
        IllegalStateException cause = new IllegalStateException("inner");
        SluiceException e = new SluiceException(ErrorKind.CONFLICT, "row exists", cause);
        assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT);
        assertThat(e).hasMessage("row exists").hasCause(cause);
        assertThat(new SluiceException(ErrorKind.AUTH, "no").getCause()).isNull();
        assertThatThrownBy(() -> new SluiceException(null, "x")).isInstanceOf(NullPointerException.class)
                .hasMessage("kind");
    }
}
