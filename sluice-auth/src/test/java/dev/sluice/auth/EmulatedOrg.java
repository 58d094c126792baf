package dev.sluice.auth;

import dev.sluice.core.OutboundHttp;
import dev.sluice.core.OutboundPolicy;
import dev.sluice.core.Secret;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.EmulatorIdentity;
import dev.sluice.store.AuthMethod;
import dev.sluice.store.AuthSettings;
import dev.sluice.store.CallbackMode;
import dev.sluice.store.Connection;
import dev.sluice.store.ConnectionSettings;
import dev.sluice.store.OrgUrl;
import dev.sluice.store.SecretStore;
import dev.sluice.store.SluiceStore;
import dev.sluice.testclock.MutableClock;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An emulator and an engine store that share one test clock, with helpers to create connections. */
final class EmulatedOrg implements AutoCloseable {
    final MutableClock clock = MutableClock.startingNow();
    /** What the credentials waited between refresh attempts; they never really sleep. */
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    final Emulator emulator;
    final SluiceStore store;
    final ConnectionCredentials credentials;
    final ConnectionAuthorizer authorizer;
    final EmulatorIdentity identity;

    EmulatedOrg(Path home) {
        emulator = Emulator.builder().clock(clock).accessTokenLifetime(Duration.ofHours(1)).start();
        store = SluiceStore.builder().home(home).clock(clock).build();
        credentials = new ConnectionCredentials(store, clock, OutboundHttp.builder()
                .policy(() -> store.outboundHosts().policy().with(OutboundPolicy.LOOPBACK)).build(), waits::add);
        authorizer = new ConnectionAuthorizer(credentials);
        identity = emulator.identity().info();
    }

    EmulatorIdentity.App app(String name) {
        return identity.app(name).orElseThrow();
    }

    String tenant() {
        return identity.tenantId().toString();
    }

    Connection connection(String name, AuthMethod method, String app, CallbackMode callback, URI redirect) {
        AuthSettings auth = new AuthSettings(method, app(app).clientId().toString(), null, callback, redirect, null,
                null, null);
        return store.connections().create(new ConnectionSettings(name, null, OrgUrl.parse(emulator.orgUrl()), null,
                null, tenant(), auth, null), "alice");
    }

    Connection serviceConnection(String name) {
        Connection c = connection(name, AuthMethod.CLIENT_SECRET, "Sluice Service", null, null);
        store.secrets().put(c.id(), SecretStore.CLIENT_SECRET, app("Sluice Service").secrets().get(0), "alice");
        return c;
    }

    Secret password() {
        return identity.users().get(0).password();
    }

    @Override
    public void close() {
        store.close();
        emulator.close();
    }
}
