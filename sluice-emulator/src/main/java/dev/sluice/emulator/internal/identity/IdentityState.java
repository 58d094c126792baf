package dev.sluice.emulator.internal.identity;

import dev.sluice.emulator.internal.EmulatorContext;
import dev.sluice.emulator.internal.identity.directory.AppRegistration;
import dev.sluice.emulator.internal.identity.directory.Directory;
import dev.sluice.emulator.internal.identity.directory.DirectoryUser;
import dev.sluice.emulator.internal.identity.directory.Tenant;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything the identity side of one emulator keeps: the directory, the signing key, lifetimes, and
 * the stores of codes, tokens, sessions, consents and flows. Thread-safe (every part is).
 */
final class IdentityState {
    final EmulatorContext ctx;
    final Directory directory;
    final SigningKey key = new SigningKey();
    final TokenPolicy policy = new TokenPolicy();
    final AuthCodes codes = new AuthCodes();
    final RefreshTokens refreshTokens = new RefreshTokens();
    final DeviceCodes devices = new DeviceCodes();
    final SignInSessions sessions = new SignInSessions();
    final Consents consents = new Consents();
    final PendingFlows flows = new PendingFlows();
    final AccessTokenLedger ledger = new AccessTokenLedger();
    final TokenRequestCounts counts = new TokenRequestCounts();
    final CsrfCanary canary = new CsrfCanary();
    /** Apps that have sent a PKCE challenge: from then on they must always send one (RFC 9700 §2.1.1). */
    final Set<UUID> pkceClients = ConcurrentHashMap.newKeySet();

    IdentityState(EmulatorContext ctx, Directory directory) {
        this.ctx = ctx;
        this.directory = directory;
    }

    Instant now() {
        return ctx.clock().instant();
    }

    Optional<DirectoryUser> user(UUID oid) {
        return directory.tenants().stream().map(t -> t.user(oid)).flatMap(Optional::stream).findFirst();
    }

    Optional<DirectoryUser> user(String upn) {
        return directory.tenants().stream().map(t -> t.user(upn)).flatMap(Optional::stream).findFirst();
    }

    Tenant tenant(UUID id) {
        return directory.tenant(id).orElseThrow();
    }

    AppRegistration app(UUID clientId) {
        return directory.tenantOfApp(clientId).flatMap(t -> t.app(clientId)).orElseThrow();
    }
}
