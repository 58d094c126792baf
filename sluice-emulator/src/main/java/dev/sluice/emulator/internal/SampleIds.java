package dev.sluice.emulator.internal;

import java.util.UUID;

/** Fixed ids of the sample org, so that tests, demos and the identity directory agree. */
public final class SampleIds {
    public static final UUID ORGANIZATION = UUID.fromString("6c1f0a57-3e42-4c7e-9d65-0a1b2c3d4e5f");
    public static final UUID ROOT_BUSINESS_UNIT = UUID.fromString("0b6e3c9a-1d2f-4e5a-8b7c-9d0e1f2a3b4c");
    public static final UUID SYSTEM_USER = UUID.fromString("5d6a7b8c-9e0f-4a1b-8c2d-3e4f5a6b7c8d");
    /** The demo user's systemuserid. */
    public static final UUID DEMO_USER = UUID.fromString("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d");
    /** The demo user's Entra object id ({@code oid}). */
    public static final UUID DEMO_USER_OBJECT_ID = UUID.fromString("a1b2c3d4-e5f6-4789-9abc-def012345678");

    private SampleIds() {}
}
