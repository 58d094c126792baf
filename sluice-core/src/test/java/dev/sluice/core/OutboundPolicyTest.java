package dev.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 23 row 3: where Sluice may send requests, decided before any connection is made. */
class OutboundPolicyTest {
    /** Host names resolved from a fixed table: no DNS in tests. */
    static OutboundPolicy.Resolver table(Map<String, String> addresses) {
        return host -> {
            String a = addresses.get(host);
            if (a == null) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.getByName(a)};
        };
    }

    static SluiceException refused(Runnable r) {
        try {
            r.run();
        } catch (SluiceException e) {
            return e;
        }
        throw new AssertionError("not refused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://contoso.crm4.dynamics.com/api/data/v9.2/", "https://contoso.api.crm.dynamics.com/",
        "https://contoso.crm.microsoftdynamics.us/", "https://contoso.crm.appsplatform.us/",
        "https://contoso.crm.dynamics.cn/", "https://login.microsoftonline.com/common/oauth2/v2.0/token",
        "https://login.microsoftonline.us/x", "https://login.partner.microsoftonline.cn/x"})
    void microsoftsPublicAndSovereignHostsAreAllowed(String url) {
        assertThat(OutboundPolicy.microsoft().refusal(URI.create(url))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example/token", "http://127.0.0.1:7070/", "http://localhost:8080/",
        "https://10.0.0.5/", "https://169.254.169.254/latest/meta-data", "https://[::1]:8443/", "http://[fd00::1]/",
        "http://contoso.crm.dynamics.com/", "https://dynamics.com.evil.example/", "ftp://contoso.crm.dynamics.com/"})
    void everythingElseIsRefusedByDefault(String url) {
        assertThat(OutboundPolicy.microsoft().refusal(URI.create(url))).isPresent();
        SluiceException e = refused(() -> OutboundPolicy.microsoft().check(URI.create(url)));
        assertThat(e.kind()).isEqualTo(ErrorKind.FORBIDDEN);
        assertThat(e.getMessage()).startsWith("outbound request to ").contains("refused before connecting");
    }

    @Test
    void anAddedLoopbackAddressAllowsThatPortOnly() {
        OutboundPolicy p = OutboundPolicy.microsoftAnd(List.of(OutboundHost.parse("127.0.0.1:7070", false)));
        assertThat(p.refusal(URI.create("http://127.0.0.1:7070/api/data/v9.2/"))).isEmpty();
        assertThat(p.refusal(URI.create("http://127.0.0.1:7071/"))).isPresent();
        p.check(URI.create("http://127.0.0.1:7070/WhoAmI"));
    }

    @Test
    void anAllowedNameThatResolvesToAPrivateAddressIsRefusedUnlessItsEntrySaysSo() {
        Map<String, String> dns = Map.of("idp.example.com", "10.1.2.3", "login.example.com", "20.30.40.50");
        OutboundPolicy p = OutboundPolicy.microsoftAnd(List.of(OutboundHost.parse("idp.example.com", false),
                OutboundHost.parse("login.example.com", false))).resolvingWith(table(dns));

        SluiceException e = refused(() -> p.check(URI.create("https://idp.example.com/token")));
        assertThat(e.kind()).isEqualTo(ErrorKind.FORBIDDEN);
        assertThat(e.getMessage()).contains("resolves to the non-public address 10.1.2.3");
        p.check(URI.create("https://login.example.com/token"));

        OutboundPolicy allowed = OutboundPolicy.microsoftAnd(List.of(OutboundHost.parse("idp.example.com", true)))
                .resolvingWith(table(Map.of()));
        allowed.check(URI.create("https://idp.example.com/token")); // no lookup needed: the admin allowed it
    }

    @Test
    void microsoftNamesResolvingToPrivateAddressesAreRefused() {
        OutboundPolicy p = OutboundPolicy.microsoft().resolvingWith(table(Map.of("contoso.crm.dynamics.com",
                "169.254.169.254")));
        assertThat(refused(() -> p.check(URI.create("https://contoso.crm.dynamics.com/"))).getMessage())
                .contains("169.254.169.254");
    }

    @Test
    void aWildcardCoversSubdomainsButNotTheDomainOrLookalikes() {
        OutboundHost h = OutboundHost.parse("*.example.com", false);
        assertThat(h.matches("a.example.com", 443)).isTrue();
        assertThat(h.matches("a.b.example.com", 443)).isTrue();
        assertThat(h.matches("example.com", 443)).isFalse();
        assertThat(h.matches("evilexample.com", 443)).isFalse();
        assertThatThrownBy(() -> OutboundHost.parse("*.com", false)).hasMessageContaining("too wide");
    }

    @Test
    void hostsAreParsedFromTextOrUrls() {
        assertThat(OutboundHost.parse("http://127.0.0.1:7070/api", false).wireName()).isEqualTo("127.0.0.1:7070");
        assertThat(OutboundHost.parse("[::1]:8080", false).wireName()).isEqualTo("[::1]:8080");
        assertThat(OutboundHost.parse("Login.Example.COM.", false).wireName()).isEqualTo("login.example.com");
        assertThat(OutboundHost.parse("127.0.0.1", false).privateAddresses()).isTrue();
        assertThat(OutboundHost.parse("idp.example.com", false).privateAddresses()).isFalse();
        assertThatThrownBy(() -> OutboundHost.parse("a b", false)).hasMessageContaining("is not a host name");
        assertThatThrownBy(() -> OutboundHost.parse("host:99999", false)).hasMessageContaining("not 1..65535");
    }

    @Test
    void aRefusedRequestNeverOpensAConnection() throws Exception {
        try (ServerSocket canary = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger accepted = new AtomicInteger();
            Thread t = new Thread(() -> {
                try {
                    canary.accept().close();
                    accepted.incrementAndGet();
                } catch (IOException closed) {
                    // the test closes the socket
                }
            });
            t.start();
            HttpClient http = OutboundHttp.of(OutboundPolicy.microsoft()).httpClient();
            HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + canary.getLocalPort() + "/")).build();

            assertThatThrownBy(() -> http.send(r, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.FORBIDDEN));
            assertThat(http.sendAsync(r, HttpResponse.BodyHandlers.ofString())).isCompletedExceptionally();
            canary.close();
            t.join();
            assertThat(accepted).hasValue(0);
        }
    }

    @Test
    void redirectsAreNeverFollowed() {
        assertThat(OutboundHttp.of(OutboundPolicy.microsoft()).httpClient().followRedirects())
                .isEqualTo(HttpClient.Redirect.NEVER);
    }

    @Test
    void originsAllowTheirOwnHostAndPortOnly() {
        OutboundPolicy p = OutboundPolicy.origins(URI.create("http://127.0.0.1:7070"));
        assertThat(p.refusal(URI.create("http://127.0.0.1:7070/api/data/v9.2/accounts"))).isEmpty();
        assertThat(p.refusal(URI.create("http://127.0.0.1:9999/"))).isPresent();
    }

    @Test
    void throughAProxyANameThisMachineCannotResolveIsLeftToTheProxy() {
        OutboundPolicy p = OutboundPolicy.microsoft().resolvingWith(table(Map.of("intranet.crm.dynamics.com", "10.1.2.3")));
        URI unresolvable = URI.create("https://contoso.crm.dynamics.com/api/data/v9.2/");
        assertThat(refused(() -> p.check(unresolvable)).kind()).isEqualTo(ErrorKind.TRANSIENT);
        p.check(unresolvable, true);
        // what does resolve here is still held to the address checks, and the list still decides
        assertThat(refused(() -> p.check(URI.create("https://intranet.crm.dynamics.com/"), true)).getMessage())
                .contains("non-public address 10.1.2.3");
        assertThat(refused(() -> p.check(URI.create("https://evil.example/"), true)).kind())
                .isEqualTo(ErrorKind.FORBIDDEN);
    }
}
