package dev.sotto.engine.sansio;

/** Inputs that come back to a state machine from its adapter (DESIGN.md, "Sans-I/O contract"). */
public sealed interface Input permits Input.Received, Input.TimerFired, Input.ComputeDone {

    /** Bytes received from the peer. */
    record Received(byte[] bytes) implements Input {
        @Override
        public String toString() {
            return "Received[length=" + bytes.length + "]";
        }
    }

    /** A timer armed with {@link Output.ArmTimer} fired. */
    record TimerFired(String id) implements Input {}

    /** The result of a {@link Output.Compute} job. */
    record ComputeDone(String id, Object result) implements Input {}
}
