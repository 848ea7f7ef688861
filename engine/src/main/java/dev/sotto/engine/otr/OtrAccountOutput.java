package dev.sotto.engine.otr;

import dev.sotto.engine.sansio.ComputeJob;
import dev.sotto.engine.xmpp.Jid;

/**
 * What the account-level OTR layer ({@link OtrMessaging}) asks its adapter to do, in order (DESIGN.md, Sans-I/O
 * contract): send a chat body to an address, arm or cancel a timer, publish an event, run slow crypto.
 */
public sealed interface OtrAccountOutput {

    /**
     * Send one {@code <body>} to {@code to}. {@code otr} marks an OTR message (query, AKE, data, error, fragment):
     * it travels with the XEP-0364 §4.3 hints and is never stored.
     */
    record SendBody(Jid to, String body, boolean otr) implements OtrAccountOutput {
        @Override
        public String toString() {
            return "SendBody[to=" + to + ", " + body.length() + " chars, otr=" + otr + "]";
        }
    }

    /** Arm timer {@code id} at monotonic {@code deadline} nanoseconds; it comes back through {@code timerFired}. */
    record ArmTimer(String id, long deadline) implements OtrAccountOutput {}

    /** Cancel timer {@code id}, if armed. */
    record CancelTimer(String id) implements OtrAccountOutput {}

    /** An event: a durable {@code dev.sotto.engine.event.OtrEvent} or a transient {@link OtrAccountEvent}. */
    record Emit(Object event) implements OtrAccountOutput {}

    /** Slow work for the crypto executor; its result comes back through {@code computeDone(id, result)}. */
    record Compute(String id, ComputeJob job) implements OtrAccountOutput {}
}
