package dev.sotto.persistence.log;

/**
 * Counts of one replay.
 *
 * @param delivered       events handed to the consumer
 * @param shreddedSkipped events skipped because their stream was shredded
 * @param nextPosition    the position after the last record read (where a follower continues)
 */
public record ReplayStats(long delivered, long shreddedSkipped, long nextPosition) {}
