package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.OutboundHost;
import dev.sluice.core.SluiceException;
import java.net.URI;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Issue 23 row 3: the admin part of the outbound allowlist, shared through the store and audited. */
@ExtendWith(StoreExtension.class)
class OutboundHostStoreTest {
    @ParameterizedTest
    @EnumSource(Backend.class)
    void allowedHostsJoinMicrosoftsAndAreAudited(Backend backend, StoreExtension.Fixtures fixtures) {
        SluiceStore store = fixtures.create(backend).open();
        URI emulator = URI.create("http://127.0.0.1:7070/api/data/v9.2/WhoAmI");
        assertThat(store.outboundHosts().policy().refusal(emulator)).isPresent();

        store.outboundHosts().add(OutboundHost.parse("127.0.0.1:7070", false), "admin");
        store.outboundHosts().add(OutboundHost.parse("*.idp.example.com", false), "admin");

        assertThat(store.outboundHosts().list()).extracting(OutboundHost::wireName)
                .containsExactly("*.idp.example.com", "127.0.0.1:7070");
        assertThat(store.outboundHosts().policy().refusal(emulator)).isEmpty();
        assertThat(store.outboundHosts().policy().refusal(URI.create("http://127.0.0.1:7071/"))).isPresent();
        assertThat(store.outboundHosts().policy().refusal(URI.create("https://login.microsoftonline.com/x"))).isEmpty();
        assertThat(store.audit().list(AuditQuery.all().action(AuditAction.OUTBOUND_HOST_ALLOWED)).events())
                .extracting(AuditEvent::detail).contains("allowed outbound requests to 127.0.0.1:7070 (private "
                        + "addresses allowed)");

        store.outboundHosts().remove("127.0.0.1:7070", "admin");
        assertThat(store.outboundHosts().policy().refusal(emulator)).isPresent();
        assertThatThrownBy(() -> store.outboundHosts().remove("127.0.0.1:7070", "admin"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
    }
}
