package dev.sluice.auth;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationRequest;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationResponse;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import dev.sluice.auth.internal.NimbusHttp;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.RemoteText;
import dev.sluice.core.Secret;
import dev.sluice.core.Sleeper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The device code grant (RFC 8628) for machines without a browser: {@link #start} asks for a code to
 * show the person; {@link #await} polls at the given interval, slows down when told to, and gives up
 * when the code expires. Thread-safe.
 */
public final class DeviceCodeFlow {
    /** RFC 8628 §3.5: on {@code slow_down} the interval grows by 5 seconds. */
    private static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);

    private final TokenClient tokens;
    private final List<String> scopes;
    private final Clock clock;
    private final Sleeper sleeper;

    /** @param sleeper how polling waits between polls; tests pass one that does not sleep */
    public DeviceCodeFlow(TokenClient tokens, List<String> scopes, Clock clock, Sleeper sleeper) {
        this.tokens = tokens;
        this.scopes = List.copyOf(scopes);
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public DeviceCodeChallenge start() {
        if (tokens.endpoints().deviceAuthorization() == null) {
            throw new OAuthException(ErrorKind.INVALID_INPUT, null, 0,
                    "this identity provider has no device code endpoint; use another sign-in method");
        }
        DeviceAuthorizationRequest req = new DeviceAuthorizationRequest(tokens.endpoints().deviceAuthorization(),
                new ClientID(tokens.client().clientId()), new Scope(scopes.toArray(String[]::new)));
        try {
            HTTPRequest http = req.toHTTPRequest();
            HTTPResponse response = NimbusHttp.send(tokens.outbound(), http, tokens.timeout());
            DeviceAuthorizationResponse parsed = DeviceAuthorizationResponse.parse(response);
            if (!parsed.indicatesSuccess()) {
                var e = ((DeviceAuthorizationErrorResponse) parsed).getErrorObject();
                String code = e.getCode() == null ? "" : e.getCode().replaceAll("[^A-Za-z0-9_.-]", "");
                throw new OAuthException(ErrorKind.AUTH, code, response.getStatusCode(),
                        "device code request refused: " + RemoteText.excerpt(code));
            }
            DeviceAuthorizationSuccessResponse ok = parsed.toSuccessResponse();
            String message = ok.getCustomParameters().get("message") instanceof String m ? RemoteText.excerpt(m)
                    : "To sign in, open " + ok.getVerificationURI() + " and enter the code " + ok.getUserCode().getValue();
            return new DeviceCodeChallenge(ok.getUserCode().getValue(), ok.getVerificationURI(), message,
                    Secret.of(ok.getDeviceCode().getValue()), Duration.ofSeconds(Math.max(1, ok.getInterval())),
                    clock.instant().plusSeconds(ok.getLifetime()));
        } catch (IOException e) {
            throw new OAuthException(ErrorKind.TRANSIENT, null, 0, "device code request failed: "
                    + e.getClass().getSimpleName(), e);
        } catch (ParseException e) {
            throw new OAuthException(ErrorKind.AUTH, null, 0, "the device code answer could not be read", e);
        }
    }

    /** Polls until the person signs in, declines, or the code expires. */
    public TokenSet await(DeviceCodeChallenge challenge) {
        Duration interval = challenge.interval();
        while (true) {
            if (!clock.instant().isBefore(challenge.expiresAt())) {
                throw new OAuthException(ErrorKind.AUTH, "expired_token", 0,
                        "the device code expired before anyone signed in; run the login again");
            }
            try {
                sleeper.sleep(interval);
            } catch (InterruptedIOException e) {
                throw new OAuthException(ErrorKind.AUTH, "interrupted", 0, "the device code sign-in was interrupted",
                        e);
            }
            try {
                return tokens.pollDeviceCode(challenge.deviceCode().reveal());
            } catch (OAuthException e) {
                if ("authorization_pending".equals(e.error())) {
                    continue;
                }
                if ("slow_down".equals(e.error())) {
                    interval = interval.plus(SLOW_DOWN_STEP);
                    continue;
                }
                if ("expired_token".equals(e.error())) {
                    throw new OAuthException(ErrorKind.AUTH, "expired_token", e.status(),
                            "the device code expired before anyone signed in; run the login again");
                }
                throw e;
            }
        }
    }
}
