package dev.sluice.server;

import dev.sluice.core.ServerTls;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The https connector of {@code sluice serve}: Jetty over the {@link ServerTls} context, so a rotated certificate is
 * served from the next connection on. Stateless.
 */
final class TlsConnector {
    private TlsConnector() {}

    static ServerConnector create(Server server, HttpConfiguration base, ServerTls tls, String host, int port) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setSslContext(tls.sslContext());
        HttpConfiguration https = new HttpConfiguration(base);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // the certificate is chosen by ServerTls, not from a Jetty key store, so Jetty has no names to check SNI against
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(https));
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }
}
