package dev.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretTest {
    @Test
    void theValueComesOutOnlyThroughReveal() {
        Secret s = Secret.of("p@ss-w0rd");
        assertThat(s.reveal()).isEqualTo("p@ss-w0rd");
        assertThat(s.toString()).isEqualTo("***");
        assertThat("token " + s).isEqualTo("token ***").doesNotContain("p@ss");
        assertThat(String.valueOf(java.util.List.of(s))).isEqualTo("[***]");
    }

    @Test
    void equalValuesAreEqualAndTheHashSaysNothingAboutTheValue() {
        assertThat(Secret.of("a")).isEqualTo(Secret.of("a")).isNotEqualTo(Secret.of("b")).isNotEqualTo("a");
        assertThat(Secret.of("é")).isEqualTo(Secret.of("é")).isNotEqualTo(Secret.of("e"));
        assertThat(Secret.of("a").hashCode()).isEqualTo(Secret.of("a long and different value").hashCode());
        Set<Secret> set = new HashSet<>(java.util.List.of(Secret.of("x"), Secret.of("x"), Secret.of("y")));
        assertThat(set).hasSize(2);
    }

    @Test
    void nullIsRefusedAndEmptyIsSaid() {
        assertThatThrownBy(() -> Secret.of(null)).isInstanceOf(NullPointerException.class).hasMessage("value");
        assertThat(Secret.of("").isEmpty()).isTrue();
        assertThat(Secret.of(" ").isEmpty()).isFalse();
    }
}
