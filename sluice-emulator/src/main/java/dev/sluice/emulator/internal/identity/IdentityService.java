package dev.sluice.emulator.internal.identity;

import dev.sluice.core.Secret;
import dev.sluice.emulator.EmulatorIdentity;
import dev.sluice.emulator.internal.EmulatorContext;
import dev.sluice.emulator.internal.SampleIds;
import dev.sluice.emulator.internal.data.SeedGenerator;
import dev.sluice.emulator.internal.http.ApiException;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.http.Caller;
import dev.sluice.emulator.internal.identity.directory.AppRegistration;
import dev.sluice.emulator.internal.identity.directory.DemoDirectory;
import dev.sluice.emulator.internal.identity.directory.Directory;
import dev.sluice.emulator.internal.identity.directory.DirectoryFile;
import dev.sluice.emulator.internal.identity.directory.DirectoryUser;
import dev.sluice.emulator.internal.identity.directory.PemKeys;
import dev.sluice.emulator.internal.identity.directory.Tenant;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Microsoft identity platform side: authorize, token, device code, discovery, JWKS, the sign-in
 * pages and the admin hooks; and the bearer-token check of Dataverse requests. Loads the directory
 * (the built-in one or {@code --directory FILE}) and makes sure every user and application user has
 * a systemuser row. Thread-safe.
 */
public final class IdentityService {
    private static final Logger LOG = LoggerFactory.getLogger(IdentityService.class);
    private static final Pattern TENANT_PATH = Pattern.compile(
            "^/([^/]+)/(oauth2/v2\\.0/(?:authorize|token|devicecode|logout)|v2\\.0/\\.well-known/openid-configuration"
                    + "|discovery/v2\\.0/keys|login|Consent/Set)$");

    private final IdentityState s;
    private final AuthorizeEndpoint authorize;
    private final SignIn signIn;
    private final TokenEndpoint token;
    private final DeviceGrant device;
    private final DeviceVerification verification;
    private final Discovery discovery;
    private final TrustedIssuers trusted = new TrustedIssuers();
    private final BearerCheck bearer;
    private final IdentityAdmin admin;
    private final String servicePrivateKeyPem;

    public IdentityService(EmulatorContext ctx) {
        Directory directory;
        String generatedKey = null;
        if (ctx.settings().directoryFile() != null) {
            directory = DirectoryFile.read(ctx.settings().directoryFile());
        } else {
            directory = DemoDirectory.load();
            KeyPair pair = rsaKeyPair();
            AppRegistration service = directory.tenantOfApp(DemoDirectory.SERVICE_CLIENT)
                    .flatMap(t -> t.app(DemoDirectory.SERVICE_CLIENT)).orElseThrow();
            directory = directory.withApp(service.withCertificateKey((RSAPublicKey) pair.getPublic()));
            generatedKey = PemKeys.privatePem(pair.getPrivate());
        }
        this.servicePrivateKeyPem = generatedKey;
        this.s = new IdentityState(ctx, directory);
        addSystemUsers(ctx, directory);
        TokenIssuer issuer = new TokenIssuer(s);
        this.signIn = new SignIn(s);
        this.authorize = new AuthorizeEndpoint(s, signIn);
        this.device = new DeviceGrant(s, issuer);
        this.token = new TokenEndpoint(s, issuer, device);
        this.verification = new DeviceVerification(s, signIn);
        this.discovery = new Discovery(s);
        this.bearer = new BearerCheck(s, trusted);
        this.admin = new IdentityAdmin(this);
    }

    /** Whether this path belongs to the identity side. */
    public boolean owns(String path) {
        return path.startsWith("/_emulator/identity/") || path.equals("/_emulator/identity")
                || path.equals("/devicelogin") || path.equals("/common/discovery/instance")
                || TENANT_PATH.matcher(path).matches();
    }

    /** Serves one identity request; never throws. */
    public ApiResponse handle(ApiRequest request) {
        String path = request.path();
        if (path.startsWith("/_emulator/identity")) {
            return admin.handle(request, path.substring("/_emulator/identity".length()));
        }
        if (path.equals("/devicelogin")) {
            return page(request, () -> verification.handle(request));
        }
        if (path.equals("/common/discovery/instance")) {
            return json(request, () -> discovery.instance(request));
        }
        Matcher m = TENANT_PATH.matcher(path);
        if (!m.matches()) {
            return ApiResponse.text(404, "text/plain; charset=utf-8", "Not found");
        }
        String tenant = m.group(1);
        return switch (m.group(2)) {
            case "oauth2/v2.0/authorize" -> page(request, () -> authorize.handle(request, tenant));
            case "oauth2/v2.0/token" -> json(request, () -> token.handle(request, tenant));
            case "oauth2/v2.0/devicecode" -> json(request, () -> deviceCode(request, tenant));
            case "oauth2/v2.0/logout" -> page(request, () -> logout(request));
            case "v2.0/.well-known/openid-configuration" ->
                json(request, () -> discovery.openidConfiguration(request, tenant));
            case "discovery/v2.0/keys" -> json(request, () -> discovery.keys(request, tenant));
            case "login" -> page(request, () -> signIn.login(request));
            default -> page(request, () -> signIn.consent(request));
        };
    }

    /** The caller of a Dataverse request, or a 401 {@link ApiException} with the bearer challenge. */
    public Caller authenticate(ApiRequest request) {
        String auth = request.headers().first("Authorization");
        boolean anyBearer = auth != null && auth.length() > 7 && auth.regionMatches(true, 0, "Bearer ", 0, 7);
        if (s.ctx.settings().noAuth() && anyBearer) {
            // --no-auth: any bearer token is the demo user; a missing or non-bearer header still gets the 401
            return new Caller(SampleIds.DEMO_USER, SampleIds.ROOT_BUSINESS_UNIT, SampleIds.DEMO_USER_OBJECT_ID.toString());
        }
        return bearer.authenticate(request);
    }

    /**
     * The caller of a Business Central request, whose URL names {@code tenant} (GUID or domain): the user's
     * object id or the app's id, for throttling. A 404 when the directory has no such tenant, a 401 with Business
     * Central's error for a token that is missing or not for Business Central in that tenant.
     */
    public String authenticateBusinessCentral(ApiRequest request, Tenant tenant) {
        String auth = request.headers().first("Authorization");
        boolean anyBearer = auth != null && auth.length() > 7 && auth.regionMatches(true, 0, "Bearer ", 0, 7);
        if (s.ctx.settings().noAuth() && anyBearer) {
            return SampleIds.DEMO_USER_OBJECT_ID.toString();
        }
        return bearer.authenticateBusinessCentral(request, tenant);
    }

    /** The directory's tenant named by its GUID or one of its domains, if any. */
    public java.util.Optional<Tenant> tenant(String idOrDomain) {
        return s.directory.tenants().stream().filter(t -> t.id().toString().equalsIgnoreCase(idOrDomain)
                || t.domain().equalsIgnoreCase(idOrDomain)).findFirst();
    }

    /** The tenant the emulated org (and Business Central environments) belong to. */
    public Tenant defaultTenant() {
        return s.directory.defaultTenant();
    }

    private ApiResponse deviceCode(ApiRequest request, String tenant) {
        if (!request.method().equals("POST")) {
            throw AadError.of("invalid_request", 900561, "The endpoint only accepts POST, OPTIONS requests. Received a "
                    + request.method() + " request.");
        }
        TokenForm form = TokenForm.of(request);
        TokenEndpoint.Client c = token.client(tenant, form.require("client_id"));
        return device.start(request, c, form);
    }

    private ApiResponse logout(ApiRequest request) {
        String cookie = Html.cookie(request, SignInSessions.COOKIE);
        SignInSessions.Session session = s.sessions.get(cookie);
        s.sessions.end(cookie);
        String after = request.query("post_logout_redirect_uri");
        boolean registered = after != null && s.directory.tenants().stream().flatMap(t -> t.apps().stream())
                .anyMatch(a -> RedirectUris.registered(a, after));
        ApiResponse r;
        if (registered) {
            r = ApiResponse.of(302).header("Location", RedirectUris.normalized(after));
        } else {
            r = Pages.signedOut();
        }
        if (session != null || cookie != null) {
            r.header("Set-Cookie", Html.clearCookie(SignInSessions.COOKIE));
        }
        return r;
    }

    private ApiResponse json(ApiRequest request, java.util.function.Supplier<ApiResponse> work) {
        try {
            return work.get();
        } catch (AadError e) {
            return OAuthResponses.error(request, e, s.now());
        } catch (RuntimeException e) {
            LOG.warn("unexpected failure on identity path {}", request.path(), e);
            return OAuthResponses.error(request, new AadError(500, "server_error", 90000,
                    "The emulator failed unexpectedly; see its log.", null), s.now());
        }
    }

    private ApiResponse page(ApiRequest request, java.util.function.Supplier<ApiResponse> work) {
        try {
            return work.get();
        } catch (AadError e) {
            return AuthorizeResponses.page(request, e, s.now());
        } catch (RuntimeException e) {
            LOG.warn("unexpected failure on identity page {}", request.path(), e);
            return AuthorizeResponses.page(request, new AadError(500, "server_error", 90000,
                    "The emulator failed unexpectedly; see its log.", null), s.now());
        }
    }

    // --- test hooks (IdentityControls and /_emulator/identity/) ---

    public EmulatorIdentity info(String origin) {
        Tenant t = s.directory.defaultTenant();
        return new EmulatorIdentity(origin + "/" + t.id(), t.id(), t.domain(),
                t.apps().stream().map(a -> new EmulatorIdentity.App(a.clientId(), a.name(),
                        a.publicClient() ? "public" : "confidential", a.redirectUris(),
                        a.secrets().stream().map(x -> x.value()).toList(),
                        a.clientId().equals(DemoDirectory.SERVICE_CLIENT) && servicePrivateKeyPem != null
                                ? Secret.of(servicePrivateKeyPem) : null, a.appRoles())).toList(),
                t.users().stream().map(u -> new EmulatorIdentity.User(u.upn(), u.displayName(), u.password(),
                        u.objectId(), u.systemUserId())).toList());
    }

    /** Revokes a user's refresh tokens and ends their sessions; -1 when there is no such user. */
    public int revokeRefreshTokens(String upn) {
        DirectoryUser u = s.user(upn).orElse(null);
        if (u == null) {
            return -1;
        }
        s.sessions.endUser(u.objectId());
        return s.refreshTokens.revokeUser(u.objectId(), s.now());
    }

    public int expireAccessTokens() {
        return s.ledger.expireAll();
    }

    public void accessTokenLifetime(Duration lifetime) {
        s.policy.accessLifetime(lifetime);
    }

    public Duration accessTokenLifetime() {
        return s.policy.accessLifetime();
    }

    public void refreshTokenLifetime(Duration lifetime) {
        s.policy.refreshLifetime(lifetime);
    }

    public Duration refreshTokenLifetime() {
        return s.policy.refreshLifetime();
    }

    public void resetConsent() {
        s.consents.clear();
    }

    public TokenRequestCounts tokenRequests() {
        return s.counts;
    }

    public void trustIssuer(URI discoveryUrl) {
        trusted.trust(discoveryUrl);
    }

    private static void addSystemUsers(EmulatorContext ctx, Directory directory) {
        SeedGenerator seeds = new SeedGenerator(ctx.store());
        for (Tenant t : directory.tenants()) {
            for (DirectoryUser u : t.users()) {
                seeds.addUser(u.systemUserId(), u.givenName(), u.surname(), u.upn(), u.objectId(), null);
            }
            for (AppRegistration a : t.apps()) {
                if (!a.appRoles().isEmpty()) {
                    seeds.addUser(a.applicationUserId(), "# " + a.name(), "", null, null, a.clientId());
                }
            }
        }
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is missing from this JDK", e);
        }
    }
}
