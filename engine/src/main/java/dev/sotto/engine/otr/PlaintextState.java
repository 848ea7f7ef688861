package dev.sotto.engine.otr;

/** MSGSTATE_PLAINTEXT. */
public record PlaintextState() implements MessageState {
    public static final PlaintextState INSTANCE = new PlaintextState();
}
