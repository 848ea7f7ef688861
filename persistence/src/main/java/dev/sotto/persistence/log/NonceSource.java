package dev.sotto.persistence.log;

import java.security.SecureRandom;

/**
 * Random nonces for one thread, drawn from the vault's {@link SecureRandom} a batch at a time: each nonce
 * is still 96 fresh random bits (DESIGN.md, The log, precisely: never derived from a counter), but one
 * {@code nextBytes} call serves {@link #BATCH} records instead of two calls per record. Not thread-safe.
 */
final class NonceSource {
    /** Records served by one refill; each takes {@link #PER_RECORD} bytes. */
    static final int BATCH = 128;
    /** Format 1: the inner and the outer nonce of one event record. */
    static final int PER_RECORD = 24;
    /** Format 2: one nonce per record, shared by its inner and outer AEAD (see {@code RecordCodec}). */
    static final int PER_RECORD_2 = 12;

    private final SecureRandom random;
    private final int perRecord;
    private final byte[] buffer;
    private int next;

    NonceSource(SecureRandom random) {
        this(random, PER_RECORD);
    }

    NonceSource(SecureRandom random, int perRecord) {
        this.random = random;
        this.perRecord = perRecord;
        this.buffer = new byte[BATCH * perRecord];
        this.next = buffer.length;
    }

    /** The buffer holding the next {@code perRecord} fresh bytes at {@link #take()}'s returned offset. */
    byte[] buffer() {
        return buffer;
    }

    /**
     * Reserves the next {@code perRecord} bytes and returns their offset in {@link #buffer()}. The bytes
     * must be copied out before the next call: a refill overwrites them, so no nonce is ever handed out twice.
     */
    int take() {
        if (next == buffer.length) {
            random.nextBytes(buffer);
            next = 0;
        }
        int at = next;
        next += perRecord;
        return at;
    }
}
