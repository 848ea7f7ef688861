package dev.sotto.ui;

import dev.sotto.engine.EngineOptions;
import dev.sotto.engine.EngineReplay;
import dev.sotto.engine.SottoEngine;
import dev.sotto.persistence.vault.Vault;
import dev.sotto.ui.main.MainView;
import dev.sotto.ui.start.Progress;
import dev.sotto.ui.start.VaultOpener;
import java.io.IOException;

/**
 * Everything that exists while the vault is unlocked: the vault, the engine opened on its log and the main
 * window's first view. Built off the event dispatch thread by {@link #load} (the log is authenticated and folded
 * into the engine's state in one pass there, and the view is computed from that state); closed when the window
 * closes (the engine stops, then a clean vault close syncs the log).
 */
public final class Session implements AutoCloseable {
    /** Replay progress is reported every this many events (each report crosses to the event dispatch thread). */
    private static final long PROGRESS_EVERY = 8192;

    private final Vault vault;
    private final SottoEngine engine;
    private final long replayed;
    private final MainView initialView;
    private final long[] loadNanos;

    private Session(Vault vault, SottoEngine engine, long replayed, MainView initialView, long[] loadNanos) {
        this.vault = vault;
        this.engine = engine;
        this.replayed = replayed;
        this.initialView = initialView;
        this.loadNanos = loadNanos;
    }

    /**
     * Opens the vault with the engine's replay as the log's open walk (issue 10: the log is read, authenticated
     * and decrypted once), opens the engine on the folded state and computes the main window's first view.
     */
    public static Session load(VaultOpener opener, Progress progress) throws IOException {
        EngineReplay replay = new EngineReplay(position -> {
            if ((position + 1) % PROGRESS_EVERY == 0) {
                progress.step("Reading history: " + (position + 1) + " records\u2026", -1, -1);
            }
        });
        long t0 = System.nanoTime();
        Vault vault = opener.open(replay);
        long t1 = System.nanoTime();
        if (!vault.log().replayedAtOpen(replay)) {
            // A vault opened elsewhere, or a shred a crash interrupted: the engine replays the log again.
            progress.phase("Replaying " + vault.log().openReport().events() + " events\u2026");
        }
        SottoEngine engine = SottoEngine.open(vault.log(), EngineOptions.defaults(), replay);
        long t2 = System.nanoTime();
        MainView view = MainView.of(engine.state());
        long t3 = System.nanoTime();
        return new Session(vault, engine, vault.log().openReport().events(), view, new long[] {t1 - t0, t2 - t1, t3 - t2});
    }

    /**
     * How long the load took, in nanoseconds: opening the vault (Argon2id, and the log's walk with the replay),
     * opening the engine on the replayed state, computing the main view. Reported by the start-up figure
     * (DesktopStartupMain), never asserted.
     */
    public long[] loadNanos() {
        return loadNanos.clone();
    }

    /** For a vault opened elsewhere: the engine replays its log (a second pass). */
    public static Session load(Vault vault, Progress progress) throws IOException {
        return load(replay -> vault, progress);
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

    /** The main window's view of the state at load, computed off the event dispatch thread. */
    public MainView initialView() {
        return initialView;
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
