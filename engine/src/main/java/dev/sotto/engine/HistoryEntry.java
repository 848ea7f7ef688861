package dev.sotto.engine;

import dev.sotto.engine.event.DurableEvent;
import java.time.Instant;

/**
 * One durable message event of a conversation ({@code MessageSent}, {@code MessageReceived}, {@code MessageFailed})
 * with the time it was recorded. {@code toString()} prints no message text (the events' own do not).
 */
public record HistoryEntry(Instant at, DurableEvent event) {}
