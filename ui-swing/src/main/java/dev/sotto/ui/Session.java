package dev.sotto.ui;

import dev.sotto.persistence.log.ReplayStats;
import dev.sotto.persistence.vault.Vault;
import dev.sotto.ui.start.Progress;
import java.io.IOException;

/**
 * Everything that exists while the vault is unlocked: the vault and what its replay produced. Built off the
 * event dispatch thread by {@link #load}; closed when the window closes (a clean close syncs the log).
 */
public final class Session implements AutoCloseable {
    private final Vault vault;
    private final ReplayStats replay;

    private Session(Vault vault, ReplayStats replay) {
        this.vault = vault;
        this.replay = replay;
    }

    /** Replays the log, reporting progress per event against the count the open walk found. */
    public static Session load(Vault vault, Progress progress) throws IOException {
        long total = vault.log().openReport().events();
        progress.step("Replaying history\u2026", 0, total);
        long[] seen = {0};
        ReplayStats stats = vault.log().replay(0, record -> {
            long n = ++seen[0];
            if ((n & 1023) == 0) {
                progress.step("Replaying history\u2026", n, total);
            }
        });
        progress.step("Replaying history\u2026", total, total);
        return new Session(vault, stats);
    }

    public Vault vault() {
        return vault;
    }

    public ReplayStats replay() {
        return replay;
    }

    @Override
    public void close() throws IOException {
        vault.close();
    }
}
