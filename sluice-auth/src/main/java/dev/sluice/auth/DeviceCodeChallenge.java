package dev.sluice.auth;

import dev.sluice.core.Secret;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * What the person must do for a device-code sign-in (open {@code verificationUri}, type
 * {@code userCode}) and what the machine polls with. {@code toString} hides the device code.
 */
public record DeviceCodeChallenge(String userCode, URI verificationUri, String message, Secret deviceCode,
        Duration interval, Instant expiresAt) {
    @Override
    public String toString() {
        return "DeviceCodeChallenge[userCode=" + userCode + ", verificationUri=" + verificationUri + "]";
    }
}
