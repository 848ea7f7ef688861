package dev.sotto.engine.event;

/** How far a contact's OTR fingerprint is trusted. */
public enum OtrTrust {
    UNVERIFIED,
    VERIFIED_SMP,
    VERIFIED_MANUAL,
    DISTRUSTED;

    public boolean verified() {
        return this == VERIFIED_SMP || this == VERIFIED_MANUAL;
    }
}
