package dev.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue 23 row 3: what a remote server wrote reaches a person only as a short, clean excerpt. */
class RemoteTextTest {
    @Test
    void aShortMessageIsKeptAsItIs() {
        assertThat(RemoteText.excerpt("Attribute 'emial' not found")).isEqualTo("Attribute 'emial' not found");
    }

    @Test
    void controlCharactersAndLineBreaksBecomeOneSpace() {
        assertThat(RemoteText.excerpt("line one\r\n\tline two\u0000\u202Eevil")).isEqualTo("line one line two evil");
    }

    @Test
    void aLongBodyIsCutAndMarked() {
        String page = "<html>" + "x".repeat(10_000) + "</html>";
        String e = RemoteText.excerpt(page);
        assertThat(e).hasSize(RemoteText.MAX_CHARS + " […]".length()).endsWith(" […]").startsWith("<html>xxx");
    }

    @Test
    void nullStaysNull() {
        assertThat(RemoteText.excerpt(null)).isNull();
    }
}
