package dev.sotto.engine.otr;

/**
 * Settings of the account-level OTR layer.
 *
 * @param defaultPolicy        a new contact's policy (OTR v3 "Policies"; default v3, opportunistic)
 * @param keepPrivateHistory   a new contact's history policy: store messages of private conversations
 *                             (DESIGN.md, Durable or transient: default no)
 * @param maxMessageSize       the network's message size for fragmentation; 0 for none (XMPP has no small limit)
 * @param fragmentTimeoutNanos a partial set of fragments is dropped after this long
 * @param heldTimeoutNanos     a message held for a private session fails after this long
 * @param errorIntervalNanos   at most one OTR Error Message per contact in this interval (no error storms)
 * @param heartbeatNanos       OTR heartbeat interval
 */
public record OtrMessagingConfig(OtrPolicy defaultPolicy, boolean keepPrivateHistory, int maxMessageSize,
        long fragmentTimeoutNanos, long heldTimeoutNanos, long errorIntervalNanos, long heartbeatNanos) {

    public static final OtrMessagingConfig DEFAULTS = new OtrMessagingConfig(OtrPolicy.DEFAULT, false, 0,
            60_000_000_000L, 120_000_000_000L, 10_000_000_000L, OtrConfig.DEFAULT_HEARTBEAT_NANOS);

    public OtrMessagingConfig {
        if (fragmentTimeoutNanos <= 0 || heldTimeoutNanos <= 0 || errorIntervalNanos < 0 || maxMessageSize < 0) {
            throw new IllegalArgumentException("timeouts are positive, sizes not negative");
        }
    }

    public OtrMessagingConfig withMaxMessageSize(int size) {
        return new OtrMessagingConfig(defaultPolicy, keepPrivateHistory, size, fragmentTimeoutNanos,
                heldTimeoutNanos, errorIntervalNanos, heartbeatNanos);
    }

    public OtrMessagingConfig withTimeouts(long fragmentNanos, long heldNanos) {
        return new OtrMessagingConfig(defaultPolicy, keepPrivateHistory, maxMessageSize, fragmentNanos, heldNanos,
                errorIntervalNanos, heartbeatNanos);
    }

    public OtrMessagingConfig withDefaultPolicy(OtrPolicy policy) {
        return new OtrMessagingConfig(policy, keepPrivateHistory, maxMessageSize, fragmentTimeoutNanos,
                heldTimeoutNanos, errorIntervalNanos, heartbeatNanos);
    }
}
