package dev.sotto.engine.xmpp;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The phases of an XMPP client session (RFC 6120 §4-§7) as an explicit graph that {@link #graph()} prints
 * (DESIGN.md, "Explicit phase graphs"). A transition not in the graph is a bug and throws.
 */
public enum Phase {
    /** Nothing sent yet. */
    IDLE,
    /** Our stream header is sent; waiting for the server's header and features (RFC 6120 §4.3.2). */
    AWAIT_FEATURES,
    /** {@code <starttls/>} sent; waiting for {@code <proceed/>} (RFC 6120 §5.4.2). */
    STARTTLS_REQUESTED,
    /** The adapter is running the TLS handshake (RFC 6120 §5.4.3). */
    TLS_HANDSHAKE,
    /** SASL exchange in progress (RFC 6120 §6.4). */
    AUTHENTICATING,
    /** Resource binding requested (RFC 6120 §7). */
    BINDING,
    /** Bound: stanzas flow (RFC 6120 §8). */
    READY,
    /** Closed, for whatever reason; a new connection needs a new session. */
    CLOSED;

    private static final Map<Phase, Set<Phase>> NEXT = new EnumMap<>(Phase.class);

    static {
        NEXT.put(IDLE, EnumSet.of(AWAIT_FEATURES, CLOSED));
        // After the first features: STARTTLS, or (TLS optional / already secured) SASL, or (authenticated) bind.
        NEXT.put(AWAIT_FEATURES, EnumSet.of(STARTTLS_REQUESTED, AUTHENTICATING, BINDING, CLOSED));
        NEXT.put(STARTTLS_REQUESTED, EnumSet.of(TLS_HANDSHAKE, CLOSED));
        NEXT.put(TLS_HANDSHAKE, EnumSet.of(AWAIT_FEATURES, CLOSED));
        NEXT.put(AUTHENTICATING, EnumSet.of(AWAIT_FEATURES, CLOSED));
        NEXT.put(BINDING, EnumSet.of(READY, CLOSED));
        NEXT.put(READY, EnumSet.of(CLOSED));
        NEXT.put(CLOSED, EnumSet.noneOf(Phase.class));
    }

    /** Whether the graph has an edge from this phase to {@code next}. */
    public boolean canMoveTo(Phase next) {
        return NEXT.get(this).contains(next);
    }

    /** The graph, one edge list per line, e.g. {@code IDLE -> AWAIT_FEATURES, CLOSED}. */
    public static String graph() {
        StringBuilder sb = new StringBuilder();
        for (Phase p : values()) {
            sb.append(p).append(" -> ");
            Set<Phase> next = NEXT.get(p);
            sb.append(next.isEmpty() ? "(end)" : String.join(", ", next.stream().map(Enum::name).toList()));
            sb.append('\n');
        }
        return sb.toString();
    }
}
