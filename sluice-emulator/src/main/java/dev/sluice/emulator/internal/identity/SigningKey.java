package dev.sluice.emulator.internal.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.UUID;

/**
 * The RSA key this emulator signs tokens with, generated at start (2048 bits, RS256, a random
 * {@code kid}), and its public JWKS. Thread-safe.
 */
public final class SigningKey {
    private final RSAKey key;
    private final RSASSASigner signer;

    public SigningKey() {
        try {
            key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyID(UUID.randomUUID().toString().replace("-", "").substring(0, 27)).generate();
            signer = new RSASSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate the token signing key", e);
        }
    }

    public String keyId() {
        return key.getKeyID();
    }

    public RSAKey publicJwk() {
        return key.toPublicJWK();
    }

    /** A compact RS256 JWT with {@code typ: JWT} and this key's {@code kid}. */
    public String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }
}
