package dev.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The proxy environment as curl reads it, and which destinations go direct. */
class ProxySettingsTest {
    @Test
    void httpsProxyIsReadLowerCaseFirstThenUpperCase() {
        ProxySettings p = ProxySettings.fromEnvironment(Map.of("https_proxy", "http://lower:3128",
                "HTTPS_PROXY", "http://upper:3128"));
        assertThat(p.proxyFor(URI.create("https://contoso.crm.dynamics.com/api"))).map(HttpProxy::host).contains("lower");
        assertThat(ProxySettings.fromEnvironment(Map.of("HTTPS_PROXY", "http://upper:3128")).https().host())
                .isEqualTo("upper");
    }

    @Test
    void upperCaseHttpProxyIsIgnoredAsCurlIgnoresIt() {
        ProxySettings p = ProxySettings.fromEnvironment(Map.of("HTTP_PROXY", "http://cgi-injected:80"));
        assertThat(p.isDirect()).isTrue();
        assertThat(ProxySettings.fromEnvironment(Map.of("http_proxy", "http://p:8080")).http().host()).isEqualTo("p");
    }

    @Test
    void allProxyServesSchemesWithoutTheirOwn() {
        ProxySettings p = ProxySettings.fromEnvironment(Map.of("ALL_PROXY", "http://all:3128",
                "https_proxy", "http://tls:3128"));
        assertThat(p.https().host()).isEqualTo("tls");
        assertThat(p.http().host()).isEqualTo("all");
    }

    @Test
    void anEmptyVariableCountsAsNotSet() {
        assertThat(ProxySettings.fromEnvironment(Map.of("https_proxy", "", "HTTPS_PROXY", "http://u:1")).https().host())
                .isEqualTo("u");
    }

    @Test
    void aProxyUrlWithoutSchemeOrPortGetsCurlsDefaults() {
        HttpProxy p = HttpProxy.parse("proxy.corp.example", "HTTPS_PROXY");
        assertThat(p.address()).isEqualTo("http://proxy.corp.example:1080");
        assertThat(HttpProxy.parse("http://[::1]:3128/", "x").address()).isEqualTo("http://[::1]:3128");
    }

    @Test
    void credentialsInTheUrlArePercentDecodedAndNeverPrinted() {
        HttpProxy p = HttpProxy.parse("http://svc%40corp:p%3Ass+w0rd@proxy:3128", "HTTPS_PROXY");
        assertThat(p.user()).isEqualTo("svc@corp");
        assertThat(p.password().reveal()).isEqualTo("p:ss+w0rd");
        assertThat(p.toString()).isEqualTo("http://svc@corp:***@proxy:3128").doesNotContain("w0rd");
        assertThat(ProxySettings.of(p, List.of()).toString()).doesNotContain("w0rd");
    }

    @Test
    void httpsAndSocksProxiesAreRefusedNamingTheVariable() {
        assertThatThrownBy(() -> ProxySettings.fromEnvironment(Map.of("HTTPS_PROXY", "socks5://s:1080")))
                .isInstanceOf(SluiceException.class)
                .hasMessage("HTTPS_PROXY: names a socks5:// proxy; Sluice speaks to HTTP proxies only (http://host:port, "
                        + "which tunnels https with CONNECT)");
        assertThatThrownBy(() -> HttpProxy.parse("https://u:secret@p:443", "all_proxy"))
                .hasMessageStartingWith("all_proxy: names a https:// proxy").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> HttpProxy.parse("http://p:3128/path", "x")).hasMessageContaining("has a path");
        assertThatThrownBy(() -> HttpProxy.parse("http://p:99999", "x")).hasMessageContaining("x: ");
    }

    @Test
    void noProxyMatchesNamesSubdomainsAddressesAndRangesAsCurlDoes() {
        ProxySettings p = ProxySettings.fromEnvironment(Map.of("https_proxy", "http://p:3128",
                "no_proxy", "localhost, .corp.example  intranet.test,10.0.0.0/8,192.168.1.7,[::1]"));
        assertThat(p.bypasses("localhost")).isTrue();
        assertThat(p.bypasses("LOCALHOST.")).isTrue();
        assertThat(p.bypasses("corp.example")).isTrue();
        assertThat(p.bypasses("crm.corp.example")).isTrue();
        assertThat(p.bypasses("notcorp.example")).isFalse();
        assertThat(p.bypasses("a.intranet.test")).isTrue();
        assertThat(p.bypasses("10.20.30.40")).isTrue();
        assertThat(p.bypasses("11.0.0.1")).isFalse();
        assertThat(p.bypasses("192.168.1.7")).isTrue();
        assertThat(p.bypasses("192.168.1.8")).isFalse();
        assertThat(p.bypasses("[::1]")).isTrue();
        assertThat(p.bypasses("contoso.crm.dynamics.com")).isFalse();
        assertThat(p.proxyFor(URI.create("https://crm.corp.example/x"))).isEmpty();
        assertThat(p.proxyFor(URI.create("https://contoso.crm.dynamics.com/x"))).isPresent();
    }

    @Test
    void curlDoesNotSkipTheProxyForLoopbackUnlessNoProxySaysSo() {
        ProxySettings p = ProxySettings.fromEnvironment(Map.of("https_proxy", "http://p:3128"));
        assertThat(p.proxyFor(URI.create("https://127.0.0.1:8443/"))).isPresent();
        assertThat(p.withNoProxy(List.of("127.0.0.1")).proxyFor(URI.create("https://127.0.0.1:8443/"))).isEmpty();
    }

    @Test
    void anAsteriskSendsEverythingDirect() {
        ProxySettings p = ProxySettings.fromEnvironment(Map.of("HTTPS_PROXY", "http://p:3128", "NO_PROXY", "*"));
        assertThat(p.proxyFor(URI.create("https://contoso.crm.dynamics.com/"))).isEmpty();
    }

    @Test
    void aNameThatLooksLikeAnAddressButIsNotOneIsNeverLookedUp() {
        ProxySettings p = ProxySettings.of(HttpProxy.parse("http://p:1", "x"), List.of("999.1.1.1"));
        assertThat(p.bypasses("999.1.1.1")).isTrue();
        assertThat(p.bypasses("1.1.1.1")).isFalse();
    }
}
