package dev.sluice.emulator.write;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.Wire;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UpdateUpsertDeleteWireTest {
    static Wire wire;
    static StoreProbe probe;

    @BeforeAll
    static void start() {
        wire = Wire.start(Emulator.builder().noAuth(true));
        probe = new StoreProbe(wire.emulator());
    }

    @AfterAll
    static void stop() {
        wire.close();
    }

    private static UUID create(String set, String body) {
        HttpResponse<String> r = wire.call("POST", set, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
        return StoreProbe.idFromEntityId(r.headers().firstValue("OData-EntityId").orElseThrow());
    }

    @Test
    void patchWithIfMatchStarUpdatesExistingRowOnly() {
        UUID id = create("accounts", "{\"name\":\"Before\"}");
        long version = probe.row("account", id).version();
        HttpResponse<String> r = wire.call("PATCH", "accounts(" + id + ")", "{\"name\":\"After\"}", "If-Match", "*");
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.headers().firstValue("OData-EntityId")).hasValue(wire.api("accounts(" + id + ")"));
        assertThat(probe.value("account", id, "name")).isEqualTo("After");
        assertThat(probe.row("account", id).version()).isGreaterThan(version);
        assertThat(probe.value("account", id, "versionnumber")).isEqualTo(probe.row("account", id).version());

        UUID missing = UUID.randomUUID();
        HttpResponse<String> notFound = wire.call("PATCH", "accounts(" + missing + ")", "{\"name\":\"X\"}",
                "If-Match", "*");
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(Wire.json(notFound).at("/error/code").asText()).isEqualTo("0x80040217");
        assertThat(Wire.json(notFound).at("/error/message").asText())
                .isEqualTo("Entity 'account' With Id = " + missing + " Does Not Exist");
        assertThat(probe.row("account", missing)).isNull();
    }

    @Test
    void staleEtagIs412AndChangesNothing() {
        UUID id = create("accounts", "{\"name\":\"Etag\"}");
        String etag = probe.row("account", id).etag();
        assertThat(wire.call("PATCH", "accounts(" + id + ")", "{\"name\":\"One\"}", "If-Match", etag).statusCode())
                .isEqualTo(204);
        HttpResponse<String> stale = wire.call("PATCH", "accounts(" + id + ")", "{\"name\":\"Two\"}", "If-Match", etag);
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(Wire.json(stale).at("/error/code").asText()).isEqualTo("0x80060882");
        assertThat(Wire.json(stale).at("/error/message").asText())
                .isEqualTo("The version of the existing record doesn't match the RowVersion property provided.");
        assertThat(probe.value("account", id, "name")).isEqualTo("One");
        HttpResponse<String> del = wire.call("DELETE", "accounts(" + id + ")", null, "If-Match", etag);
        assertThat(del.statusCode()).isEqualTo(412);
        assertThat(probe.row("account", id)).isNotNull();
    }

    @Test
    void patchWithoutIfMatchUpsertsByAlternateKeyAndEchoesTheKeyForm() {
        HttpResponse<String> created = wire.call("PATCH", "accounts(accountnumber='UP-1')", "{\"name\":\"Up\"}");
        assertThat(created.statusCode()).isEqualTo(204);
        assertThat(created.headers().firstValue("OData-EntityId"))
                .hasValue(wire.api("accounts(accountnumber='UP-1')"));
        assertThat(probe.count("account")).isPositive();
        HttpResponse<String> updated = wire.call("PATCH", "accounts(accountnumber='UP-1')",
                "{\"name\":\"Up again\",\"accountnumber\":\"CHANGED\"}");
        assertThat(updated.statusCode()).isEqualTo(204);
        var store = wire.emulator().context().store();
        var table = probe.table("account");
        UUID id = store.read(() -> store.findByKey(table, table.key("AccountNumberKey"), java.util.List.of("UP-1")));
        assertThat(probe.value("account", id, "name")).isEqualTo("Up again");
        assertThat(probe.value("account", id, "accountnumber")).isEqualTo("UP-1");
    }

    @Test
    void upsertByPrimaryKeyCreatesWithThatId() {
        UUID id = UUID.randomUUID();
        assertThat(wire.call("PATCH", "contacts(" + id + ")", "{\"lastname\":\"Upserted\"}").statusCode())
                .isEqualTo(204);
        assertThat(probe.value("contact", id, "lastname")).isEqualTo("Upserted");
    }

    @Test
    void ifNoneMatchStarIsCreateOnly() {
        assertThat(wire.call("PATCH", "accounts(accountnumber='CO-1')", "{\"name\":\"A\"}", "If-None-Match", "*")
                .statusCode()).isEqualTo(204);
        HttpResponse<String> again = wire.call("PATCH", "accounts(accountnumber='CO-1')", "{\"name\":\"B\"}",
                "If-None-Match", "*");
        assertThat(again.statusCode()).isEqualTo(412);
        assertThat(Wire.json(again).at("/error/message").asText())
                .isEqualTo("A record with matching key values already exists.");
    }

    @Test
    void keyThatIsNotDeclaredIsRejected() {
        HttpResponse<String> r = wire.call("PATCH", "accounts(name='x')", "{\"name\":\"B\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Wire.json(r).at("/error/message").asText()).startsWith(
                "The key in the request URI is not valid for resource 'Microsoft.Dynamics.CRM.account'.");
    }

    @Test
    void deleteRemovesRowAndClearsLookupsToIt() {
        UUID account = create("accounts", "{\"name\":\"Doomed\"}");
        UUID contact = create("contacts",
                "{\"lastname\":\"Child\",\"parentcustomerid_account@odata.bind\":\"/accounts(" + account + ")\"}");
        assertThat(wire.call("DELETE", "accounts(" + account + ")", null).statusCode()).isEqualTo(204);
        assertThat(probe.row("account", account)).isNull();
        assertThat(probe.value("contact", contact, "parentcustomerid")).isNull();
        HttpResponse<String> again = wire.call("DELETE", "accounts(" + account + ")", null);
        assertThat(again.statusCode()).isEqualTo(404);
    }

    @Test
    void singlePropertyPutAndDelete() {
        UUID id = create("accounts", "{\"name\":\"Prop\",\"description\":\"text\"}");
        assertThat(wire.call("PUT", "accounts(" + id + ")/name", "{\"value\":\"Renamed\"}").statusCode())
                .isEqualTo(204);
        assertThat(probe.value("account", id, "name")).isEqualTo("Renamed");
        assertThat(wire.call("DELETE", "accounts(" + id + ")/description", null).statusCode()).isEqualTo(204);
        assertThat(probe.value("account", id, "description")).isNull();
        HttpResponse<String> nav = wire.call("DELETE", "accounts(" + id + ")/primarycontactid", null);
        assertThat(nav.statusCode()).isEqualTo(400);
    }

    @Test
    void associateAndDisassociateThroughRef() {
        UUID account = create("accounts", "{\"name\":\"Assoc\"}");
        UUID contact = create("contacts", "{\"lastname\":\"Member\"}");
        HttpResponse<String> add = wire.call("POST", "accounts(" + account + ")/contact_customer_accounts/$ref",
                "{\"@odata.id\":\"" + wire.api("contacts(" + contact + ")") + "\"}");
        assertThat(add.statusCode()).isEqualTo(204);
        assertThat(probe.value("contact", contact, "parentcustomerid")).isEqualTo(account);
        HttpResponse<String> remove = wire.call("DELETE",
                "accounts(" + account + ")/contact_customer_accounts(" + contact + ")/$ref", null);
        assertThat(remove.statusCode()).isEqualTo(204);
        assertThat(probe.value("contact", contact, "parentcustomerid")).isNull();

        HttpResponse<String> set = wire.call("PUT", "accounts(" + account + ")/primarycontactid/$ref",
                "{\"@odata.id\":\"contacts(" + contact + ")\"}");
        assertThat(set.statusCode()).isEqualTo(204);
        assertThat(probe.value("account", account, "primarycontactid")).isEqualTo(contact);
        assertThat(wire.call("DELETE", "accounts(" + account + ")/primarycontactid/$ref", null).statusCode())
                .isEqualTo(204);
        assertThat(probe.value("account", account, "primarycontactid")).isNull();
    }

    @Test
    void patchOnCollectionIsMethodNotAllowed() {
        HttpResponse<String> r = wire.call("PATCH", "accounts", "{\"name\":\"x\"}");
        assertThat(r.statusCode()).isEqualTo(405);
    }
}
