package dev.sotto.persistence.log;

import java.nio.charset.StandardCharsets;

/**
 * Names one stream of the log: an account, or a conversation (account plus bare contact JID). Only the
 * sealed key ring knows the name; records carry an opaque key id, so a shredded stream leaves no name.
 * {@link #toString()} does not print the value: a JID is personal data.
 */
public record StreamId(String value) {
    public static final int MAX_UTF8_BYTES = 3071;

    public StreamId {
        if (value == null || value.isEmpty() || value.getBytes(StandardCharsets.UTF_8).length > MAX_UTF8_BYTES) {
            throw new IllegalArgumentException("stream id must be 1.." + MAX_UTF8_BYTES + " UTF-8 bytes");
        }
    }

    public static StreamId of(String value) {
        return new StreamId(value);
    }

    // Spelled out, as the record's own would be (the components in order, 31 * h + hash): the generated ones run
    // through method handles, slow in a fresh JVM's interpreter and costly to compile, and a replay hashes this once
    // per record (issue 10's start-up).
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof StreamId s && value.equals(s.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "StreamId[" + value.length() + " chars]";
    }
}
