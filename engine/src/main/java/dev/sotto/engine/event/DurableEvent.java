package dev.sotto.engine.event;

/**
 * Marks a domain event that is appended to the encrypted log before it is published on the bus (DESIGN.md,
 * Durable or transient). Everything else on the bus is transient. {@link EngineEventCodec} gives every durable
 * event its bytes; {@link EventStreams} its stream.
 */
public interface DurableEvent {}
