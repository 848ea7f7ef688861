package dev.sotto.ui.start;

/** Where background start-up work reports how far it got; called from the worker thread. */
public interface Progress {

    /** A new phase without a known length (key derivation, opening the log). */
    void phase(String text);

    /** {@code done} of {@code total} steps of the current phase (replay: events). */
    void step(String text, long done, long total);
}
