package dev.sotto.engine.sansio;

/**
 * What a sans-I/O state machine asks its adapter to do (DESIGN.md, "Sans-I/O contract"): send bytes,
 * arm or cancel a timer, publish an event, or run slow crypto off the event loop.
 */
public sealed interface Output permits Output.Send, Output.ArmTimer, Output.CancelTimer, Output.Emit, Output.Compute {

    /** Bytes to send to the peer (for OTR: the UTF-8 text of one chat message body). */
    record Send(byte[] bytes) implements Output {
        @Override
        public String toString() {
            return "Send[length=" + bytes.length + "]";
        }
    }

    /** Arm timer {@code id} to fire at monotonic {@code deadline} nanoseconds; it comes back as {@link Input.TimerFired}. */
    record ArmTimer(String id, long deadline) implements Output {}

    /** Cancel timer {@code id}, if armed. */
    record CancelTimer(String id) implements Output {}

    /** An event for the bus (a domain event of {@code dev.sotto.engine.event} or a transient notice). */
    record Emit(Object event) implements Output {}

    /** Slow work (key generation) to run on the crypto executor; its result returns as {@link Input.ComputeDone}. */
    record Compute(String id, ComputeJob job) implements Output {}
}
