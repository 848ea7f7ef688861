package dev.sotto.engine.event;

import java.time.Instant;
import java.util.HexFormat;

/** This installation's ZID was created (RFC 6189 §4.9: one persistent ZID per installation). */
public record ZrtpZidAssigned(byte[] zid, Instant at) implements ZrtpEvent, DurableEvent {

    public ZrtpZidAssigned {
        if (zid.length != 12) {
            throw new IllegalArgumentException("a ZID is 96 bits");
        }
        zid = zid.clone();
    }

    @Override
    public byte[] zid() {
        return zid.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ZrtpZidAssigned z && java.util.Arrays.equals(zid, z.zid) && at.equals(z.at);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(zid) * 31 + at.hashCode();
    }

    @Override
    public String toString() {
        return "ZrtpZidAssigned[zid=" + HexFormat.of().formatHex(zid) + ", at=" + at + "]";
    }
}
