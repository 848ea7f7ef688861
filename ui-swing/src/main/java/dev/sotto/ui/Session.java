package dev.sotto.ui;

import dev.sotto.engine.EngineOptions;
import dev.sotto.engine.EngineReplay;
import dev.sotto.engine.EngineResources;
import dev.sotto.engine.SottoEngine;
import dev.sotto.engine.event.OtrEvent;
import dev.sotto.engine.otr.OtrInterceptor;
import dev.sotto.persistence.vault.Vault;
import dev.sotto.ui.main.MainView;
import dev.sotto.ui.start.Progress;
import dev.sotto.ui.start.VaultOpener;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Everything that exists while the vault is unlocked: the vault, the engine opened on its log, OTR on that engine
 * (issue 10: every one-to-one chat goes through OTR) and the main window's first view. Built off the event dispatch
 * thread by {@link #load} (the log is authenticated and folded into the engine's state and OTR's history in one
 * pass there, and the view is computed from that state); closed when the window closes (the engine stops, then a
 * clean vault close syncs the log).
 */
public final class Session implements AutoCloseable {
    /** Replay progress is reported every this many events (each report crosses to the event dispatch thread). */
    private static final long PROGRESS_EVERY = 8192;

    private final Vault vault;
    private final SottoEngine engine;
    private final OtrInterceptor otr;
    private final ExecutorService otrCrypto;
    private final long replayed;
    private final MainView initialView;
    private final long[] loadNanos;

    private Session(Vault vault, SottoEngine engine, OtrInterceptor otr, ExecutorService otrCrypto, long replayed,
            MainView initialView, long[] loadNanos) {
        this.vault = vault;
        this.engine = engine;
        this.otr = otr;
        this.otrCrypto = otrCrypto;
        this.replayed = replayed;
        this.initialView = initialView;
        this.loadNanos = loadNanos;
    }

    /** Set when the first unlock of this JVM starts: the warm-up skips what would then only compete with it. */
    private static final java.util.concurrent.atomic.AtomicBoolean UNLOCKING = new java.util.concurrent.atomic.AtomicBoolean();
    /**
     * Made-up records the warm-up replays at most: enough for the compilers to have compiled the walk's and the
     * replay's per-record code (C2 compiles a method after some ten thousand calls).
     */
    static final int WARM_UP_RECORDS = 30_000;

    /** Whether this JVM's warm-up was started (once is enough: it loads classes and feeds the compilers). */
    private static final java.util.concurrent.atomic.AtomicBoolean WARMING = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Starts, once per JVM and on its own daemon thread, the part of a start-up that needs no passphrase: loading
     * and initializing what the vault's open and the replay use (Chronicle Queue and its native bindings, logging,
     * the JCE, the event schemas; {@link Vault#warmUp}), then running Argon2id and the unlock's walk and replay on
     * made-up inputs under throwaway keys so that the compilers have compiled them ({@link Vault#warmUpKdf},
     * {@link dev.sotto.engine.ReplayWarmUp}) until Unlock is pressed. The start screen calls it when it appears, so
     * the seconds the user spends typing the passphrase pay it instead of the unlock (issue 10's start-up). Touches
     * no file and no user data.
     */
    public static void warmUpInBackground() {
        if (!WARMING.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(() -> {
            Vault.warmUp();
            try {
                dev.sotto.engine.event.proto.EventEnvelope.getDefaultInstance();
                // The JIT warm-up (issue 10's start-up): what a cold JVM's unlock ran mostly interpreted, run first on
                // made-up inputs while the passphrase is typed, and not once Unlock is pressed: from then on the
                // unlock is its own warm-up, and this would compete with it for the two cores and the compilers
                // (measured: run during the unlock's Argon2id, it made the unlock slower, not faster).
                Vault.warmUpKdf(UNLOCKING::get);
                dev.sotto.engine.ReplayWarmUp.run(WARM_UP_RECORDS,
                        () -> UNLOCKING.get() || dev.sotto.persistence.log.EventLog.openWalkStarted());
            } catch (RuntimeException | LinkageError e) {
                // Best effort: the replay reports whatever is really wrong.
            }
        }, "sotto-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Opens the vault with the engine's replay as the log's open walk (issue 10: the log is read, authenticated
     * and decrypted once; OTR's own durable events are collected in the same pass), opens the engine on the folded
     * state, installs OTR and computes the main window's first view.
     */
    public static Session load(VaultOpener opener, Progress progress) throws IOException {
        UNLOCKING.set(true);
        // OTR's own durable events (keys, instance tags, trust, per-contact settings), in log order.
        List<OtrEvent> otrHistory = new ArrayList<>();
        EngineReplay replay = new EngineReplay(position -> {
            if ((position + 1) % PROGRESS_EVERY == 0) {
                progress.step("Reading history: " + (position + 1) + " records\u2026", -1, -1);
            }
        }, e -> {
            if (e instanceof OtrEvent o) {
                otrHistory.add(o);
            }
        });
        long t0 = System.nanoTime();
        EngineOptions options = EngineOptions.defaults();
        // The engine's event loops and network need nothing from the vault and take a while in a fresh JVM: they
        // are made on their own thread while Argon2id (one core) and the log's walk run (issue 10's start-up).
        CompletableFuture<EngineResources> resources = new CompletableFuture<>();
        Thread preparer = new Thread(() -> {
            try {
                resources.complete(EngineResources.create(options));
            } catch (RuntimeException | Error e) {
                resources.completeExceptionally(e);
            }
        }, "sotto-engine-prepare");
        preparer.setDaemon(true);
        preparer.start();
        Vault vault;
        try {
            vault = opener.open(replay);
        } catch (IOException | RuntimeException | Error e) {
            resources.thenAccept(EngineResources::close);
            throw e;
        }
        long t1 = System.nanoTime();
        SottoEngine engine;
        try {
            if (!vault.log().replayedAtOpen(replay)) {
                // A vault opened elsewhere, or a shred a crash interrupted: the engine replays the log again, and
                // tells the same collector, which forgets the first pass.
                progress.phase("Replaying " + vault.log().openReport().events() + " events\u2026");
                otrHistory.clear();
            }
            engine = SottoEngine.open(vault.log(), options, replay, resources.join());
        } catch (IOException | RuntimeException e) {
            // Not taken by an engine (open threw): closed here, now or once they are made.
            resources.thenAccept(EngineResources::close);
            vault.close();
            throw e;
        }
        long t2 = System.nanoTime();
        // DESIGN.md, One event loop owns a session: DSA key generation runs here, never on an event loop.
        ExecutorService crypto = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sotto-otr-crypto");
            t.setDaemon(true);
            return t;
        });
        OtrInterceptor otr = OtrInterceptor.install(engine, otrHistory, crypto, new SecureRandom());
        MainView view = MainView.of(engine.state());
        long t3 = System.nanoTime();
        return new Session(vault, engine, otr, crypto, vault.log().openReport().events(), view,
                new long[] {t1 - t0, t2 - t1, t3 - t2});
    }

    /**
     * How long the load took, in nanoseconds: opening the vault (Argon2id, and the log's walk with the replay),
     * opening the engine on the replayed state (and installing OTR), computing the main view. Reported by the
     * start-up figure (DesktopStartupMain), never asserted.
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

    /** OTR on the engine: the chat window's private-conversation controls use it. */
    public OtrInterceptor otr() {
        return otr;
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
            otrCrypto.shutdownNow();
        } finally {
            vault.close();
        }
    }
}
