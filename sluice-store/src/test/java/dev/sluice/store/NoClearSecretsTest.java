package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.sluice.core.Secret;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * Writes known secrets and tokens through every store path, then looks for them in the raw bytes of the H2 file,
 * in a text dump of every PostgreSQL table and in PostgreSQL's data directory (tables and WAL), and in every log
 * line: none may appear, in clear, hex or base64. A canary that is stored in clear on purpose (the connection
 * name) proves each scan can see plain text.
 */
@ExtendWith(StoreExtension.class)
class NoClearSecretsTest {
    private static final String CANARY = "canary-connection-7d1e";
    private static final List<String> SECRETS = List.of(
            "CLEAR-client-secret-Q9vX2",
            "CLEAR-private-key-MIIEvQIBADANBgkqhkiG9w0B",
            "CLEAR-static-token-eyJ0eXAiOiJKV1Qi",
            "CLEAR-access-token-1-eyJhbGciOiJSUzI1NiJ9",
            "CLEAR-refresh-token-1-0.AXkAv8",
            "CLEAR-access-token-2-eyJhbGciOiJSUzI1NiJ9",
            "CLEAR-refresh-token-2-0.AXkAw9",
            "CLEAR-oauth-state-Zr4TqW8mNb2Lx6Vc",
            "CLEAR-pkce-verifier-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "CLEAR-dead-letter-record-Wq7Zk",
            "CLEAR-flow-key-Hx3Pm",
            "CLEAR-source-key-Vb8Rt",
            "CLEAR-source-id-Nc5Dy");

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final List<Logger> quietened = new ArrayList<>();
    private Level rootLevel;

    @BeforeEach
    void captureEveryLogLine() {
        rootLevel = root.getLevel();
        root.setLevel(Level.TRACE);
        for (String name : List.of("dev.sluice", "com.zaxxer", "org.flywaydb", "org.jdbi", "org.h2")) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            logger.setLevel(Level.TRACE);
            quietened.add(logger);
        }
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void restoreLogging() {
        root.detachAppender(logs);
        root.setLevel(rootLevel);
        quietened.forEach(l -> l.setLevel(null));
    }

    @Test
    void noSecretInTheRawBytesOfTheH2FileOrTheLogs(StoreExtension.Fixtures fixtures) throws IOException {
        StoreFixture fixture = fixtures.create(Backend.H2);
        writeEverything(fixture); // closes the store: H2 writes and releases the file when its last connection closes

        List<byte[]> files = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(fixture.home())) {
            for (Path p : paths.filter(Files::isRegularFile).filter(p -> !p.endsWith("keyset.json")).toList()) {
                files.add(Files.readAllBytes(p));
            }
        }
        assertThat(files).isNotEmpty();
        assertThat(files.stream().anyMatch(b -> contains(b, CANARY.getBytes(StandardCharsets.UTF_8))))
                .as("the canary is stored in clear, so the scan can see plain text").isTrue();
        for (byte[] bytes : files) {
            assertNoSecretIn(bytes, "H2 file");
        }
        assertNoSecretInLogs();
    }

    @Test
    void noSecretInAnyPostgresTableOrItsDataDirectoryOrTheLogs(StoreExtension.Fixtures fixtures) throws IOException {
        StoreFixture fixture = fixtures.create(Backend.POSTGRES);
        writeEverything(fixture);

        String dump = fixture.sql(c -> {
            StringBuilder out = new StringBuilder();
            List<String> tables = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT t::text FROM " + table + " t")) {
                    while (rs.next()) {
                        out.append(table).append(": ").append(rs.getString(1)).append('\n');
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("CHECKPOINT");
            }
            return out.toString();
        });
        assertThat(dump).contains(CANARY).contains("connection_secrets: ").contains("connection_tokens: ").contains("auth_sessions: ")
                .contains("flow_dead_letters: ").contains("flow_keys: ")
                .contains("flow_source_keys: ").contains("flow_hash_keys: ");
        assertNoSecretIn(dump.getBytes(StandardCharsets.UTF_8), "PostgreSQL table dump");

        boolean canaryOnDisk = false;
        try (Stream<Path> paths = Files.walk(fixtures.postgres().dataDirectory())) {
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(p);
                } catch (java.nio.file.NoSuchFileException gone) {
                    // the running server removed a cache file (pg_internal.init…) between the listing and the read
                    continue;
                }
                canaryOnDisk |= contains(bytes, CANARY.getBytes(StandardCharsets.UTF_8));
                assertNoSecretIn(bytes, "PostgreSQL data file " + p);
            }
        }
        assertThat(canaryOnDisk).as("the canary is stored in clear, so the scan can see plain text").isTrue();
        assertNoSecretInLogs();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void secretsStillReadBackAfterAllThat(Backend backend, StoreExtension.Fixtures fixtures) {
        StoreFixture fixture = fixtures.create(backend);
        Connection c = writeEverything(fixture);
        SluiceStore store = fixture.open();

        assertThat(store.secrets().get(c.id(), SecretStore.CLIENT_SECRET).map(Secret::reveal)).contains(SECRETS.get(0));
        assertThat(store.tokens().get(c.id()).orElseThrow().refreshToken().reveal()).isEqualTo(SECRETS.get(6));
        assertThat(store.flows().deadLetters("canary-flow")).singleElement().extracting(DeadLetter::source)
                .asString().contains(SECRETS.get(9));
        List<String> keys = new ArrayList<>();
        store.flows().forEachChunkKeys("canary-flow", store.flows().runs("canary-flow", 1).get(0).id(), keys::add);
        assertThat(keys).singleElement().asString().contains(SECRETS.get(10));
        assertThat(store.flows().sourceKeys("canary-flow", List.of(SECRETS.get(12))))
                .extractingByKey(SECRETS.get(12)).extracting(FlowStore.SourceKey::key)
                .isEqualTo("[\"" + SECRETS.get(11) + "\"]");
    }

    /** Every path a secret takes: secrets, token save, refresh, a failed refresh, auth session, rotation. */
    private static Connection writeEverything(StoreFixture fixture) {
        SluiceStore store = fixture.open();
        Connection c = store.connections().create(ConnectionStoreTest.contoso(CANARY), "alice");
        store.secrets().put(c.id(), SecretStore.CLIENT_SECRET, Secret.of(SECRETS.get(0)), "alice");
        store.secrets().put(c.id(), SecretStore.CERTIFICATE_PRIVATE_KEY, Secret.of(SECRETS.get(1)), "alice");
        store.secrets().put(c.id(), SecretStore.STATIC_ACCESS_TOKEN, Secret.of(SECRETS.get(2)), "alice");
        Instant now = fixture.clock().instant();
        store.tokens().save(c.id(), new TokenSet(Secret.of(SECRETS.get(3)), Secret.of(SECRETS.get(4)),
                now.plus(Duration.ofHours(1)), now, List.of("openid"), "alice@contoso.com"), "alice");
        store.tokens().refreshLocked(c.id(), (current, status) -> RefreshResult.failed(TokenState.ERROR, "identity provider answered 503"));
        store.tokens().refreshLocked(c.id(), (current, status) -> RefreshResult.refreshed(new TokenSet(Secret.of(SECRETS.get(5)),
                Secret.of(SECRETS.get(6)), now.plus(Duration.ofHours(2)), now, List.of("openid"), "alice@contoso.com")));
        store.authSessions().begin(c.id(), "alice", Secret.of(SECRETS.get(7)), Secret.of(SECRETS.get(8)), "nonce-1",
                URI.create("http://127.0.0.1:50000/callback"));
        FlowRun run = store.flows().startRun("canary-flow", false);
        store.flows().saveChunk(run.id(), "canary-flow", "{\"mode\":\"offset\",\"offset\":1}", FlowCounts.ZERO,
                List.of(new FlowStore.NewDeadLetter("{\"email\":\"" + SECRETS.get(9) + "\"}", "INVALID_INPUT", "bad")),
                new FlowStore.ChunkKeys(run.id(), 0, "[[\"" + SECRETS.get(10) + "\"]]"));
        store.flows().saveChunk(run.id(), "canary-flow", null, FlowCounts.ZERO, List.of(), null,
                new FlowStore.SourceKeyChanges(java.util.Map.of(SECRETS.get(12),
                        new FlowStore.SourceKey("[\"" + SECRETS.get(11) + "\"]", "5eb63bbbe01eeed0")),
                        java.util.Set.of()));
        store.keyset().rotate();
        store.keyset().reencrypt();
        store.close();
        return c;
    }

    private void assertNoSecretInLogs() {
        StringBuilder all = new StringBuilder();
        for (ILoggingEvent event : logs.list) {
            all.append(event.getFormattedMessage()).append('\n');
            if (event.getKeyValuePairs() != null) {
                event.getKeyValuePairs().forEach(kv -> all.append(kv.key).append('=').append(kv.value).append('\n'));
            }
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) {
                all.append(ThrowableProxyUtil.asString(thrown)).append('\n');
            }
        }
        assertThat(logs.list).as("the store logged what it did").isNotEmpty();
        assertThat(all.toString()).contains("connection created");
        assertNoSecretIn(all.toString().getBytes(StandardCharsets.UTF_8), "logs");
    }

    private static void assertNoSecretIn(byte[] haystack, String where) {
        String bytes = new String(haystack, StandardCharsets.ISO_8859_1); // one char per byte, for a fast indexOf
        for (String secret : SECRETS) {
            for (byte[] form : forms(secret)) {
                assertThat(bytes.contains(new String(form, StandardCharsets.ISO_8859_1)))
                        .as("a form of '%s' in %s", secret.substring(0, 12) + "…", where).isFalse();
            }
        }
    }

    /** The secret as UTF-8, UTF-16, hex (both cases) and base64: every way a careless store could keep it. */
    private static List<byte[]> forms(String secret) {
        byte[] utf8 = secret.getBytes(StandardCharsets.UTF_8);
        return List.of(utf8,
                secret.getBytes(StandardCharsets.UTF_16BE),
                secret.getBytes(StandardCharsets.UTF_16LE),
                HexFormat.of().formatHex(utf8).getBytes(StandardCharsets.US_ASCII),
                HexFormat.of().withUpperCase().formatHex(utf8).getBytes(StandardCharsets.US_ASCII),
                Base64.getEncoder().withoutPadding().encodeToString(utf8).getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(new String(needle, StandardCharsets.ISO_8859_1));
    }
}
