package dev.sluice.relay.internal;

import org.owasp.encoder.Encode;

/** The relay's plain pages (escaping by the OWASP Java Encoder); nothing a request carries goes out unescaped. */
public final class Html {
    private Html() {}

    /** The text encoded by OWASP's encoder for HTML text and quoted attributes; null as empty. */
    public static String escape(String s) {
        return s == null ? "" : Encode.forHtml(s);
    }

    /** A complete page with the relay's style; {@code body} must already be escaped. */
    public static String page(String title, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"referrer\" "
                + "content=\"no-referrer\"><title>Sluice relay — " + escape(title) + "</title><style>body{font-family:"
                + "system-ui,sans-serif;max-width:34rem;margin:4rem auto;color:#1f2937;line-height:1.5}h1{font-size:"
                + "1.3rem}code{background:#f3f4f6;padding:0 .25rem}button{font-size:1rem;padding:.5rem 1.2rem}"
                + "</style></head><body><h1>" + escape(title) + "</h1>" + body + "</body></html>";
    }
}
