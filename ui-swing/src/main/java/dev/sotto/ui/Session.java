package dev.sotto.ui;

import dev.sotto.engine.EngineOptions;
import dev.sotto.engine.SottoEngine;
import dev.sotto.engine.event.OtrEvent;
import dev.sotto.engine.otr.OtrInterceptor;
import dev.sotto.persistence.vault.Vault;
import dev.sotto.ui.start.Progress;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Everything that exists while the vault is unlocked: the vault, the engine opened on its log and OTR on that
 * engine (issue 10: every one-to-one chat goes through OTR). Built off the event dispatch thread by {@link #load}
 * (the engine replays the log into its state there); closed when the window closes (the engine stops, then a clean
 * vault close syncs the log).
 */
public final class Session implements AutoCloseable {
    private final Vault vault;
    private final SottoEngine engine;
    private final OtrInterceptor otr;
    private final ExecutorService otrCrypto;
    private final long replayed;

    private Session(Vault vault, SottoEngine engine, OtrInterceptor otr, ExecutorService otrCrypto, long replayed) {
        this.vault = vault;
        this.engine = engine;
        this.otr = otr;
        this.otrCrypto = otrCrypto;
        this.replayed = replayed;
    }

    /** Opens the engine on the vault's log (its replay is the slow part of a big vault) and installs OTR. */
    public static Session load(Vault vault, Progress progress) throws IOException {
        long events = vault.log().openReport().events();
        progress.phase("Replaying " + events + " events\u2026");
        // OTR's own durable events (keys, instance tags, trust, per-contact settings) are collected in the same pass.
        List<OtrEvent> otrHistory = new ArrayList<>();
        SottoEngine engine = SottoEngine.open(vault.log(), EngineOptions.defaults(), e -> {
            if (e instanceof OtrEvent o) {
                otrHistory.add(o);
            }
        });
        // DESIGN.md, One event loop owns a session: DSA key generation runs here, never on an event loop.
        ExecutorService crypto = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sotto-otr-crypto");
            t.setDaemon(true);
            return t;
        });
        OtrInterceptor otr = OtrInterceptor.install(engine, otrHistory, crypto, new SecureRandom());
        return new Session(vault, engine, otr, crypto, events);
    }

    public Vault vault() {
        return vault;
    }

    public SottoEngine engine() {
        return engine;
    }

    /** OTR on the engine: the chat window's private-conversation controls use it. */
    public OtrInterceptor otr() {
        return otr;
    }

    /** Events the log held at unlock. */
    public long replayed() {
        return replayed;
    }

    @Override
    public void close() throws IOException {
        try {
            engine.close();
            otrCrypto.shutdownNow();
        } finally {
            vault.close();
        }
    }
}
