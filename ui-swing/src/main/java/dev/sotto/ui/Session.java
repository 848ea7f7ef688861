package dev.sotto.ui;

import dev.sotto.engine.EngineOptions;
import dev.sotto.engine.SottoEngine;
import dev.sotto.persistence.vault.Vault;
import dev.sotto.ui.start.Progress;
import java.io.IOException;

/**
 * Everything that exists while the vault is unlocked: the vault and the engine opened on its log. Built off
 * the event dispatch thread by {@link #load} (the engine replays the log into its state there); closed when
 * the window closes (the engine stops, then a clean vault close syncs the log).
 */
public final class Session implements AutoCloseable {
    private final Vault vault;
    private final SottoEngine engine;
    private final long replayed;

    private Session(Vault vault, SottoEngine engine, long replayed) {
        this.vault = vault;
        this.engine = engine;
        this.replayed = replayed;
    }

    /** Opens the engine on the vault's log (its replay is the slow part of a big vault). */
    public static Session load(Vault vault, Progress progress) throws IOException {
        long events = vault.log().openReport().events();
        progress.phase("Replaying " + events + " events\u2026");
        SottoEngine engine = SottoEngine.open(vault.log(), EngineOptions.defaults());
        return new Session(vault, engine, events);
    }

    public Vault vault() {
        return vault;
    }

    public SottoEngine engine() {
        return engine;
    }

    /** Events the log held at unlock. */
    public long replayed() {
        return replayed;
    }

    @Override
    public void close() throws IOException {
        try {
            engine.close();
        } finally {
            vault.close();
        }
    }
}
