package dev.sotto.persistence.log;

import java.util.OptionalLong;

/**
 * What a full walk of the log found (`sotto log verify|stats`).
 *
 * @param documents       documents in the queue, including a torn tail
 * @param records         records that authenticated
 * @param events          event records among them
 * @param liveStreams     streams whose key is in the key ring
 * @param shreddedStreams streams forgotten with {@code shred}
 * @param shreddedRecords event records whose stream was shredded (unreadable by design)
 * @param anchorCount     records covered by the key ring's MAC'd anchor
 * @param recoveredTorn   torn records a later writer acknowledged
 * @param tornTailAt      position of a torn tail, if any (not tampering: a crash mid-append)
 * @param tamperedAt      first position that failed authentication, if any
 * @param condition       why it failed (never contains record bytes)
 */
public record VerifyReport(long documents, long records, long events, int liveStreams, int shreddedStreams,
                           long shreddedRecords, long anchorCount, long recoveredTorn, OptionalLong tornTailAt,
                           OptionalLong tamperedAt, String condition) {

    public boolean intact() {
        return tamperedAt.isEmpty();
    }
}
