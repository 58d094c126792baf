package dev.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.sluice.emulator.Emulator;
import dev.sluice.testing.WithEmulator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The table browser's FetchXML page in headless Chromium: paste a join, run it, page through it. */
@Tag("system")
@WithEmulator(seed = {"accounts=20", "contacts=40"})
class FetchXmlBrowserSystemTest {
    static Emulator emulator;
    static ServerFixture f;
    @RegisterExtension
    static final ServerBrowser browser = new ServerBrowser();

    @BeforeAll
    static void start() throws Exception {
        f = new ServerFixture(emulator);
        ServerFixture.Session admin = f.admin();
        assertThat(admin.json("POST", "/api/v1/connections", f.webConnection("demo")).statusCode()).isEqualTo(201);
        ServerApiTest.authorize(admin, "demo");
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void aUserPastesAJoinRunsItAndPagesThroughItsRows() {
        try (BrowserContext ctx = browser.newContext()) {
            Page page = ctx.newPage();
            ServerBrowser.signInAsAdmin(page, f);
            page.navigate(f.base + "/connections/demo/tables");
            page.click("#fetchxml-link");
            page.waitForSelector("#fetchXml");
            page.fill("#fetchXml", "<fetch>\n  <entity name='contact'>\n    <attribute name='fullname'/>\n"
                    + "    <link-entity name='account' from='accountid' to='parentcustomerid' link-type='outer' "
                    + "alias='a'>\n      <attribute name='name'/>\n    </link-entity>\n  </entity>\n</fetch>");
            page.click("#run");
            page.waitForSelector("#rows");
            assertThat(page.locator("#rows thead th").allTextContents()).containsExactly("fullname", "a.name",
                    "contactid");
            Set<String> ids = new HashSet<>(page.locator("#rows tbody tr td:nth-child(3)").allTextContents());
            assertThat(ids).hasSize(25);
            page.click("#next-page");
            page.waitForSelector("#rows");
            List<String> second = page.locator("#rows tbody tr td:nth-child(3)").allTextContents();
            assertThat(second).hasSize(15);
            ids.addAll(second);
            assertThat(ids).hasSize(40);
            assertThat(page.locator("#next-page").count()).isZero();
            assertThat(page.inputValue("#fetchXml")).contains("link-entity name='account'");
            page.fill("#fetchXml", "<fetch><entity name='account'><attribute name='nmae'/></entity></fetch>");
            page.click("#run");
            page.waitForSelector("#problem");
            assertThat(page.textContent("#problem")).contains("nmae");
        }
    }
}
