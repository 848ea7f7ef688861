package dev.sotto.engine.sansio;

/** Work a state machine hands to the crypto executor; must not touch the state machine. */
@FunctionalInterface
public interface ComputeJob {
    Object run();
}
