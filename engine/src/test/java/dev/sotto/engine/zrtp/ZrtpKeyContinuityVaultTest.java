package dev.sotto.engine.zrtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sotto.codecs.zrtp.KeyAgreementType;
import dev.sotto.engine.EngineOptions;
import dev.sotto.engine.SottoEngine;
import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.event.DurableEvent;
import dev.sotto.engine.event.EngineEventCodec;
import dev.sotto.engine.event.ZrtpCacheMismatch;
import dev.sotto.engine.event.ZrtpRetainedSecretUpdated;
import dev.sotto.engine.event.ZrtpSasVerified;
import dev.sotto.engine.event.ZrtpSecureOn;
import dev.sotto.engine.event.ZrtpZidAssigned;
import dev.sotto.persistence.vault.KdfParams;
import dev.sotto.persistence.vault.Vault;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key continuity (RFC 6189 §4.6.1, §4.6.1.1, §4.9, §7.1) through the real encrypted log: two installations, each a
 * vault (cheap KDF parameters) under a {@link SottoEngine}, their endpoints keyed from {@link SottoEngine#zidCache()}
 * and every emitted event handed to {@link SottoEngine#emit}. Vaults are closed and reopened between calls, so what
 * the second call knows came back from the log.
 */
class ZrtpKeyContinuityVaultTest {

    private static final char[] PASSPHRASE = "zrtp continuity".toCharArray();
    private static final ZrtpConfig X255 = ZrtpConfig.defaults().withKeyAgreements(List.of(KeyAgreementType.X255));

    /** One installation: a vault directory, opened for one call at a time. */
    private static final class Installation implements AutoCloseable {
        final Path dir;
        Vault vault;
        SottoEngine engine;
        final List<Object> bus = new CopyOnWriteArrayList<>();

        Installation(Path dir) throws IOException {
            this.dir = dir;
            Vault.create(dir, PASSPHRASE.clone(), KdfParams.forTests()).close();
        }

        Installation open() throws Exception {
            vault = Vault.open(dir, PASSPHRASE.clone());
            engine = SottoEngine.open(vault.log(), EngineOptions.defaults().withEventLoopThreads(1));
            bus.clear();
            engine.subscribe(bus::add);
            return this;
        }

        ZidCache cache() {
            return engine.zidCache();
        }

        byte[] zid() {
            return cache().localZid();
        }

        /** What the bus delivered so far: its dispatch is asynchronous and in order, so a marker closes the batch. */
        <T> List<T> published(Class<T> type) throws InterruptedException {
            Object marker = new Object();
            engine.publish(marker);
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (!bus.contains(marker)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the bus did not deliver within 10 s");
                }
                Thread.sleep(5);
            }
            return bus.stream().filter(type::isInstance).map(type::cast).toList();
        }

        /** Every durable record of the log, decoded by the engine's codec. */
        List<DurableEvent> logged() throws Exception {
            vault.log().sync().get(10, java.util.concurrent.TimeUnit.SECONDS); // appends are queued to one writer
            EngineEventCodec codec = new EngineEventCodec();
            List<DurableEvent> out = new ArrayList<>();
            vault.log().replay(0, r -> out.add(codec.decode(r.payload())));
            return out;
        }

        @Override
        public void close() throws IOException {
            if (engine != null) {
                engine.close();
                engine = null;
            }
            if (vault != null) {
                vault.close();
                vault = null;
            }
        }
    }

    /** One call between the two installations' current engines; {@code a} commits (initiator). */
    private static ZrtpLink call(Installation a, Installation b, long seed) {
        ZrtpEndpoint ea = ZrtpEndpoint.create(X255, a.cache(), 0x1111, ZrtpEndpointTest.seeded(seed),
                ZrtpEndpointTest.CLOCK);
        ZrtpEndpoint eb = ZrtpEndpoint.create(X255.withPassive(true), b.cache(), 0x2222,
                ZrtpEndpointTest.seeded(seed + 1), ZrtpEndpointTest.CLOCK);
        ZrtpLink l = new ZrtpLink(ea, eb);
        // what an adapter does: keys to the SRTP contexts (not modelled here), every event to the engine
        l.a.sink = e -> {
            if (!(e instanceof ZrtpSrtpSecrets)) {
                a.engine.emit(e);
            }
        };
        l.b.sink = e -> {
            if (!(e instanceof ZrtpSrtpSecrets)) {
                b.engine.emit(e);
            }
        };
        l.start();
        l.run(5_000_000_000L);
        ZrtpEndpointTest.assertSecurePair(l, "X255");
        return l;
    }

    private static ZrtpSecureOn secureOn(ZrtpLink.Side s) {
        return s.events(ZrtpSecureOn.class).get(0);
    }

    private static void reopen(Installation... all) throws Exception {
        for (Installation i : all) {
            i.close();
        }
        for (Installation i : all) {
            i.open();
        }
    }

    @Test
    void secondCallAfterRestartUsesTheRetainedSecretAndTheConfirmedSas(@TempDir Path dir) throws Exception {
        try (Installation a = new Installation(dir.resolve("a")); Installation b = new Installation(dir.resolve("b"))) {
            a.open();
            b.open();
            byte[] zidA = a.zid();
            byte[] zidB = b.zid();
            ZrtpLink first = call(a, b, 10);
            assertThat(secureOn(first.a).cacheMatch()).isFalse();
            assertThat(secureOn(first.a).verified()).isFalse();
            // the users compare the SAS and confirm it (§7.1)
            first.apply(first.a, first.a.endpoint.sasVerified(true));
            first.apply(first.b, first.b.endpoint.sasVerified(true));

            reopen(a, b);
            assertThat(a.zid()).as("§4.9: the ZID is persistent").isEqualTo(zidA);
            assertThat(b.zid()).isEqualTo(zidB);
            assertThat(a.logged()).filteredOn(e -> e instanceof ZrtpZidAssigned).as("generated once").hasSize(1);
            assertThat(a.cache().lookup(zidB)).hasValueSatisfying(e -> assertThat(e.sasVerified()).isTrue());

            ZrtpLink second = call(b, a, 20); // roles swapped: b commits this time
            assertThat(secureOn(second.a).cacheMatch()).as("b reports the cache match").isTrue();
            assertThat(secureOn(second.b).cacheMatch()).as("a reports the cache match").isTrue();
            assertThat(secureOn(second.a).verified()).as("V survived the restart (§7.1)").isTrue();
            assertThat(secureOn(second.b).verified()).isTrue();
            assertThat(a.published(ZrtpCacheMismatch.class)).isEmpty();
            assertThat(b.published(ZrtpCacheMismatch.class)).isEmpty();
            // §4.6.1: the first call's rs1 moved to rs2, and that too is in the log
            reopen(a, b);
            assertThat(a.cache().lookup(zidB).orElseThrow().rs2()).isPresent();
            assertThat(a.logged()).filteredOn(e -> e instanceof ZrtpRetainedSecretUpdated)
                    .as("one per DH call; the confirmation was a ZrtpSasVerified").hasSize(2);
        }
    }

    /**
     * §4.3.2's own example: b restores its disk from a backup taken before the first call, so it has its ZID but no
     * secret for a. a expects a match, gets none: a loud, durable possible-MiTM alert, V cleared, rs1 kept
     * (§4.6.1.1) — on every call until the user confirms the SAS, which then lets the update happen.
     */
    @Test
    void peerRestoredFromBackupIsACacheMismatchUntilTheSasIsConfirmed(@TempDir Path dir) throws Exception {
        try (Installation a = new Installation(dir.resolve("a")); Installation b = new Installation(dir.resolve("b"))) {
            a.open();
            b.open();
            byte[] zidA = a.zid();
            byte[] zidB = b.zid();
            b.close();
            Path backup = dir.resolve("b-backup");
            copyTree(b.dir, backup);
            b.open();
            ZrtpLink first = call(a, b, 30);
            first.apply(first.a, first.a.endpoint.sasVerified(true));
            first.apply(first.b, first.b.endpoint.sasVerified(true));
            a.close();
            b.close();
            deleteTree(b.dir);
            copyTree(backup, b.dir);
            a.open();
            b.open();
            assertThat(b.zid()).isEqualTo(zidB);
            assertThat(b.cache().lookup(zidA)).as("b lost its cache").isEmpty();
            byte[] rs1 = a.cache().lookup(zidB).orElseThrow().rs1().bytes();

            ZrtpLink second = call(a, b, 40);
            assertThat(second.a.endpoint.cacheMismatch()).isTrue();
            ZrtpCacheMismatch alert = a.published(ZrtpCacheMismatch.class).get(0);
            assertThat(alert.peerZid()).isEqualTo(HexFormat.of().formatHex(zidB));
            assertThat(alert.sas()).as("the SAS to compare").isEqualTo(second.a.endpoint.sas().orElseThrow());
            assertThat(b.published(ZrtpCacheMismatch.class)).as("b had nothing to expect").isEmpty();
            assertThat(secureOn(second.a).verified()).isFalse();
            assertThat(secureOn(second.a).cacheMatch()).isFalse();
            // the user did not compare the SAS; the call ends
            reopen(a, b);
            assertThat(a.logged()).filteredOn(e -> e instanceof ZrtpCacheMismatch).as("on record").hasSize(1);
            ZidCacheEntry kept = a.cache().lookup(zidB).orElseThrow();
            assertThat(kept.rs1().bytes()).as("§4.6.1.1: rs1 not updated").isEqualTo(rs1);
            assertThat(kept.sasVerified()).as("V cleared by the mismatch, durably").isFalse();

            ZrtpLink third = call(a, b, 50);
            assertThat(a.published(ZrtpCacheMismatch.class)).as("alerted again on the next call").hasSize(1);
            // b stored call two's rs1 (it had no entry), which a never took: now b expects a match too and gets none
            assertThat(b.published(ZrtpCacheMismatch.class)).hasSize(1);
            // now they compare the SAS and confirm it: the postponed updates happen on both sides
            third.apply(third.a, third.a.endpoint.sasVerified(true));
            third.apply(third.b, third.b.endpoint.sasVerified(true));
            assertThat(a.cache().lookup(zidB).orElseThrow().rs1().bytes()).isNotEqualTo(rs1);

            reopen(a, b);
            ZrtpLink fourth = call(b, a, 60);
            assertThat(secureOn(fourth.a).cacheMatch()).isTrue();
            assertThat(secureOn(fourth.b).cacheMatch()).isTrue();
            assertThat(secureOn(fourth.a).verified()).as("both confirmed in call three").isTrue();
            assertThat(a.published(ZrtpCacheMismatch.class)).isEmpty();
            assertThat(b.published(ZrtpCacheMismatch.class)).isEmpty();
        }
    }

    /** Both sides hold a secret for each other but b's rs1 changed: both detect the mismatch (§4.3.2). */
    @Test
    void changedRetainedSecretIsAMismatchOnBothSides(@TempDir Path dir) throws Exception {
        try (Installation a = new Installation(dir.resolve("a")); Installation b = new Installation(dir.resolve("b"))) {
            a.open();
            b.open();
            ZrtpLink first = call(a, b, 70);
            first.apply(first.a, first.a.endpoint.sasVerified(true));
            first.apply(first.b, first.b.endpoint.sasVerified(true));
            byte[] other = new byte[32];
            ZrtpEndpointTest.seeded(71).nextBytes(other);
            b.engine.record(new ZrtpRetainedSecretUpdated(HexFormat.of().formatHex(a.zid()), Secret.of(other),
                    Optional.empty(), true, ZrtpEndpointTest.CLOCK.instant()));
            reopen(a, b);

            ZrtpLink second = call(a, b, 80);
            assertThat(a.published(ZrtpCacheMismatch.class)).hasSize(1);
            assertThat(b.published(ZrtpCacheMismatch.class)).hasSize(1);
            assertThat(secureOn(second.a).verified()).isFalse();
            assertThat(secureOn(second.b).verified()).isFalse();
            reopen(a, b);
            assertThat(a.cache().lookup(b.zid()).orElseThrow().sasVerified()).isFalse();
            assertThat(b.cache().lookup(a.zid()).orElseThrow().sasVerified()).isFalse();
            assertThat(b.cache().lookup(a.zid()).orElseThrow().rs1().bytes()).isEqualTo(other);
        }
    }

    /** The user revokes the SAS confirmation: V is cleared, durably (§7.1). */
    @Test
    void revokedSasConfirmationSurvivesRestart(@TempDir Path dir) throws Exception {
        try (Installation a = new Installation(dir.resolve("a")); Installation b = new Installation(dir.resolve("b"))) {
            a.open();
            b.open();
            ZrtpLink first = call(a, b, 90);
            first.apply(first.a, first.a.endpoint.sasVerified(true));
            first.apply(first.b, first.b.endpoint.sasVerified(true));
            first.apply(first.a, first.a.endpoint.sasVerified(false));
            reopen(a, b);
            assertThat(a.logged()).filteredOn(e -> e instanceof ZrtpSasVerified).hasSize(2);
            assertThat(a.cache().lookup(b.zid()).orElseThrow().sasVerified()).isFalse();
            ZrtpLink second = call(a, b, 100);
            assertThat(secureOn(second.a).cacheMatch()).isTrue();
            assertThat(secureOn(second.a).verified()).as("a no longer vouches").isFalse();
            assertThat(secureOn(second.b).verified()).isFalse();
        }
    }

    /**
     * Privacy (DESIGN.md, Secrets): neither the retained secrets nor the SRTP keys appear in anything printed — the
     * console streams, any event's or cache's toString — nor in clear anywhere in the vault's files.
     */
    @Test
    void noSecretBytesInAnyOutputOrFile(@TempDir Path dir) throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8);
        List<String> printed = new ArrayList<>();
        List<byte[]> secrets = new ArrayList<>();
        try (Installation a = new Installation(dir.resolve("a")); Installation b = new Installation(dir.resolve("b"))) {
            System.setOut(capture);
            System.setErr(capture);
            a.open();
            b.open();
            ZrtpLink first = call(a, b, 110);
            first.apply(first.a, first.a.endpoint.sasVerified(true));
            ZrtpLink second = call(b, a, 120);
            ZrtpSrtpSecrets keys = second.a.endpoint.srtpSecrets().orElseThrow();
            assertThatThrownBy(() -> a.engine.emit(keys)).as("SRTP keys never travel on the bus")
                    .isInstanceOf(IllegalArgumentException.class);
            for (ZrtpLink l : List.of(first, second)) {
                for (ZrtpLink.Side s : List.of(l.a, l.b)) {
                    ZrtpSrtpSecrets k = s.endpoint.srtpSecrets().orElseThrow();
                    secrets.addAll(List.of(k.localKey().bytes(), k.localSalt().bytes(), k.remoteKey().bytes(),
                            k.remoteSalt().bytes()));
                    s.events.forEach(e -> printed.add(String.valueOf(e)));
                    printed.add(s.endpoint.toString());
                }
            }
            for (Installation i : List.of(a, b)) {
                for (DurableEvent e : i.logged()) {
                    printed.add(e.toString());
                    if (e instanceof ZrtpRetainedSecretUpdated u) {
                        secrets.add(u.rs1().bytes());
                        u.rs2().ifPresent(s -> secrets.add(s.bytes()));
                    }
                }
                ZidCacheEntry entry = i.cache().lookup(i == a ? b.zid() : a.zid()).orElseThrow();
                printed.add(entry.toString());
                printed.add(i.cache().toString());
                printed.add(i.engine.toString());
                i.published(Object.class).forEach(e -> printed.add(String.valueOf(e)));
            }
            System.out.println(printed); // as a careless caller would
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        // 16 SRTP values, then per side rs1 of both calls and rs2 of the second (the count only: never print them)
        assertThat(secrets.size()).isEqualTo(16 + 6);
        String text = console.toString(StandardCharsets.UTF_8) + String.join("\n", printed);
        List<byte[]> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).forEach(p -> {
                try {
                    files.add(Files.readAllBytes(p));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        assertThat(files).isNotEmpty();
        for (byte[] s : secrets) {
            String hex = HexFormat.of().formatHex(s);
            assertThat(text).doesNotContainIgnoringCase(hex.substring(0, 16))
                    .doesNotContain(java.util.Base64.getEncoder().encodeToString(s).substring(0, 12))
                    .doesNotContain(java.util.Arrays.toString(s).substring(0, 20));
            for (byte[] f : files) {
                assertThat(indexOf(f, s)).as("a secret in clear in the vault's files").isEqualTo(-1);
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
