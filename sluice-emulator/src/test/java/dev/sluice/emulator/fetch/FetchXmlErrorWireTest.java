package dev.sluice.emulator.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.Wire;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed and unsupported FetchXML gets Dataverse's error code and a message that names the element. */
class FetchXmlErrorWireTest {
    static Wire wire;

    @BeforeAll
    static void start() {
        wire = Wire.start(Emulator.builder().noAuth(true).seed("accounts", 3));
    }

    @AfterAll
    static void stop() {
        wire.close();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "<fetch><entity name='account'>|0x80040201|Invalid XML.",
        "<query/>|0x8004111c|<query>",
        "<fetch/>|0x80041123|<entity>",
        "<fetch><entity name='account'/><entity name='account'/></fetch>|0x8004111c|<entity>",
        "<fetch><entity name='account'><attribute name='name'/><colour/></entity></fetch>|0x8004111c|<colour>",
        "<fetch><entity name='account'><attribute nam='name'/></entity></fetch>|0x8004111c|'nam'",
        "<fetch><entity name='acount'/></fetch>|0x80041102|'acount'",
        "<fetch><entity name='contact'/></fetch>|0x80041128|<entity name='contact'>",
        "<fetch><entity name='account'><attribute name='nmae'/></entity></fetch>|0x80041103|'nmae'",
        "<fetch><entity name='account'><filter><condition attribute='name' operator='sounds-like' value='x'/>"
                + "</filter></entity></fetch>|0x80041120|operator='sounds-like'",
        "<fetch><entity name='account'><filter type='xor'/></entity></fetch>|0x80041122|type='xor'",
        "<fetch><entity name='account'><filter><condition attribute='name' operator='eq'/></filter></entity></fetch>"
                + "|0x80041106|attribute='name'",
        "<fetch><entity name='account'><filter><condition attribute='numberofemployees' operator='eq' value='many'/>"
                + "</filter></entity></fetch>|0x80041108|'many'",
        "<fetch><entity name='account'><link-entity name='contact' from='contactid' to='primarycontactid' "
                + "link-type='sideways'/></entity></fetch>|0x80041117|link-type='sideways'",
        "<fetch><entity name='account'><link-entity name='contact' to='primarycontactid'/></entity></fetch>"
                + "|0x8004111e|'from'",
        "<fetch><entity name='account'><link-entity name='contact' from='contactid' to='primarycontactid' alias='x'/>"
                + "<link-entity name='contact' from='contactid' to='primarycontactid' alias='x'/></entity></fetch>"
                + "|0x80041130|'x'",
        "<fetch><entity name='account'><filter><condition entityname='nobody' attribute='name' operator='null'/>"
                + "</filter></entity></fetch>|0x8004110b|entityname='nobody'",
        "<fetch top='5' count='2'><entity name='account'/></fetch>|0x80040203|'top'",
        "<fetch count='0'><entity name='account'/></fetch>|0x8004110c|count='0'",
        "<fetch distinct='maybe'><entity name='account'/></fetch>|0x80041115|distinct='maybe'",
        "<fetch aggregate='true'><entity name='account'><attribute name='name' aggregate='count'/></entity></fetch>"
                + "|0x80041109|<attribute name='name'>",
        "<fetch aggregate='true'><entity name='account'><attribute name='name' alias='n'/></entity></fetch>"
                + "|0x80041107|<attribute name='name' alias='n'>",
        "<fetch aggregate='true'><entity name='account'><attribute name='name' alias='n' aggregate='sum'/></entity>"
                + "</fetch>|0x8004112F|sum",
        "<fetch aggregate='true'><entity name='account'><attribute name='createdon' alias='d' groupby='true' "
                + "dategrouping='fortnight'/></entity></fetch>|0x80041135|'fortnight'",
        "<fetch aggregate='true'><entity name='account'><attribute name='accountid' alias='n' aggregate='count'/>"
                + "<order attribute='name'/></entity></fetch>|0x80041131|<order attribute='name'>",
        "<fetch><entity name='account'><order alias='x'/></entity></fetch>|0x80041132|<order alias='x'>",
        "<fetch page='11' count='5000'><entity name='account'/></fetch>|0x8004430A|page 11"})
    void badFetchXmlGetsDataversesCodeAndNamesTheElement(String xml, String code, String named) {
        HttpResponse<String> r = Fetch.get(wire, "accounts", xml);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode error = Wire.json(r).get("error");
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).contains(named);
    }

    @Test
    void aDoctypeIsRefusedSoAnExternalEntityIsNeitherReadNorFetched(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-VALUE");
        AtomicInteger hits = new AtomicInteger();
        HttpServer listener = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        listener.createContext("/", ex -> {
            hits.incrementAndGet();
            ex.sendResponseHeaders(200, 0);
            ex.close();
        });
        listener.start();
        try {
            String url = "http://127.0.0.1:" + listener.getAddress().getPort() + "/dtd";
            for (String xml : new String[] {
                "<?xml version='1.0'?><!DOCTYPE fetch [<!ENTITY x SYSTEM '" + secret.toUri() + "'>]>"
                        + "<fetch><entity name='account'><filter><condition attribute='name' operator='eq' "
                        + "value='&x;'/></filter></entity></fetch>",
                "<?xml version='1.0'?><!DOCTYPE fetch SYSTEM '" + url + "'><fetch><entity name='account'/></fetch>",
                "<?xml version='1.0'?><!DOCTYPE fetch [<!ENTITY % p SYSTEM '" + url + "'> %p;]>"
                        + "<fetch><entity name='account'/></fetch>",
                "<?xml version='1.0'?><!DOCTYPE fetch [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;'>]>"
                        + "<fetch><entity name='account'><attribute name='&b;'/></entity></fetch>"}) {
                HttpResponse<String> r = Fetch.get(wire, "accounts", xml);
                assertThat(r.statusCode()).isEqualTo(400);
                JsonNode error = Wire.json(r).get("error");
                assertThat(error.get("code").asText()).isEqualTo("0x80040201");
                assertThat(error.get("message").asText()).contains("DOCTYPE");
                assertThat(r.body()).doesNotContain("TOP-SECRET-VALUE");
            }
            assertThat(hits.get()).isZero();
        } finally {
            listener.stop(0);
        }
    }

    @Test
    void fetchXmlCannotBeCombinedWithODataQueryOptions() {
        HttpResponse<String> r = wire.get("accounts?$select=name&fetchXml="
                + Fetch.enc("<fetch><entity name='account'/></fetch>"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Wire.json(r).get("error").get("message").asText()).contains("$select");
    }

    @Test
    void aPagingCookieForAnotherOrderIsRefused() {
        String cookie = "&lt;cookie page=\"1\"&gt;&lt;accountid last=\"{00000000-0000-0000-0000-000000000001}\" "
                + "first=\"{00000000-0000-0000-0000-000000000001}\" /&gt;&lt;/cookie&gt;";
        HttpResponse<String> r = Fetch.get(wire, "accounts", "<fetch count='1' page='2' paging-cookie='" + cookie
                + "'><entity name='account'><order attribute='name'/></entity></fetch>");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Wire.json(r).get("error").get("code").asText()).isEqualTo("0x80041129");
        assertThat(new String(r.body().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).contains("<order>");
    }
}
