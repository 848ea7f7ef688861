package dev.sotto.engine.otr;

/** MSGSTATE_FINISHED: the correspondent ended; outgoing messages are not delivered. */
public record FinishedState() implements MessageState {
    public static final FinishedState INSTANCE = new FinishedState();
}
