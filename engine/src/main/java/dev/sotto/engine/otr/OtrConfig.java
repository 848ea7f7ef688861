package dev.sotto.engine.otr;

import dev.sotto.codecs.otr.OtrLimits;
import dev.sotto.codecs.otr.OtrMessageCodec;

/**
 * What an OTR session is configured with.
 *
 * @param ourInstance       our instance tag (>= 0x100, OTR v3 "Instance Tags")
 * @param longTermKey       our DSA key
 * @param policy            OTR v3 "Policies"
 * @param maxMessageSize    the network's message size limit for fragmentation; 0 for none
 * @param heartbeatNanos    send a heartbeat after receiving a Data Message when nothing was sent for this long
 * @param limits            decoder limits
 */
public record OtrConfig(int ourInstance, OtrLongTermKey longTermKey, OtrPolicy policy, int maxMessageSize,
        long heartbeatNanos, OtrLimits limits) {

    /** libotr's choice of heartbeat interval, one minute. */
    public static final long DEFAULT_HEARTBEAT_NANOS = 60_000_000_000L;

    public OtrConfig {
        if (Integer.compareUnsigned(ourInstance, OtrMessageCodec.MIN_INSTANCE_TAG) < 0) {
            throw new IllegalArgumentException("instance tags start at 0x100");
        }
    }

    public static OtrConfig of(int ourInstance, OtrLongTermKey key) {
        return new OtrConfig(ourInstance, key, OtrPolicy.DEFAULT, 0, DEFAULT_HEARTBEAT_NANOS, OtrLimits.DEFAULT);
    }

    public OtrConfig withPolicy(OtrPolicy p) {
        return new OtrConfig(ourInstance, longTermKey, p, maxMessageSize, heartbeatNanos, limits);
    }

    public OtrConfig withMaxMessageSize(int size) {
        return new OtrConfig(ourInstance, longTermKey, policy, size, heartbeatNanos, limits);
    }

    public OtrConfig withHeartbeatNanos(long nanos) {
        return new OtrConfig(ourInstance, longTermKey, policy, maxMessageSize, nanos, limits);
    }

    /** A random instance tag >= 0x100. */
    public static int randomInstanceTag(java.security.SecureRandom random) {
        int t;
        do {
            t = random.nextInt();
        } while (Integer.compareUnsigned(t, OtrMessageCodec.MIN_INSTANCE_TAG) < 0);
        return t;
    }
}
