package dev.sotto.persistence.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sotto.persistence.TestVaults;
import dev.sotto.persistence.log.LogRecord;
import dev.sotto.persistence.log.ReplayStats;
import dev.sotto.persistence.log.StreamId;
import dev.sotto.persistence.log.VerifyReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultTest {
    @TempDir
    Path dir;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> replayAll(Vault vault) throws Exception {
        List<String> out = new ArrayList<>();
        vault.log().replay(0, r -> out.add(r.stream().value() + "|" + r.sequence() + "|" + new String(r.payload(), StandardCharsets.UTF_8)));
        return out;
    }

    @Test
    void appendsSurviveCloseAndReopenInOrder() throws Exception {
        StreamId a = StreamId.of("alice@example.org");
        StreamId b = StreamId.of("alice@example.org/bob@example.org");
        try (Vault vault = TestVaults.create(dir)) {
            assertThat(vault.log().append(a, utf8("one")).join()).isZero();
            assertThat(vault.log().append(b, utf8("two")).join()).isEqualTo(1);
            assertThat(vault.log().append(a, utf8("three")).join()).isEqualTo(2);
        }
        try (Vault vault = TestVaults.open(dir)) {
            assertThat(replayAll(vault)).containsExactly(
                    "alice@example.org|0|one", "alice@example.org/bob@example.org|0|two", "alice@example.org|1|three");
            assertThat(vault.log().append(b, utf8("four")).join()).isEqualTo(3);
            List<LogRecord> tail = new ArrayList<>();
            ReplayStats stats = vault.log().replay(3, tail::add);
            assertThat(stats.delivered()).isEqualTo(1);
            assertThat(tail.get(0).sequence()).isEqualTo(1);
            VerifyReport report = vault.log().verify();
            assertThat(report.intact()).isTrue();
            assertThat(report.events()).isEqualTo(4);
            assertThat(report.liveStreams()).isEqualTo(2);
        }
    }

    @Test
    void wrongPassphraseThrowsAndChangesNoFile() throws Exception {
        try (Vault vault = TestVaults.create(dir)) {
            vault.log().append(StreamId.of("s"), utf8("x")).join();
        }
        Map<String, String> before = TestVaults.hashes(dir);
        assertThatThrownBy(() -> Vault.open(dir, "wrong horse".toCharArray()))
                .isInstanceOf(WrongPassphraseException.class);
        assertThatThrownBy(() -> Vault.openReadOnly(dir, "wrong horse".toCharArray()))
                .isInstanceOf(WrongPassphraseException.class);
        assertThat(TestVaults.hashes(dir)).isEqualTo(before);
    }

    @Test
    void changePassphraseRewrapsOnlyTheKeyRing() throws Exception {
        char[] newPass = "a new, longer passphrase".toCharArray();
        try (Vault vault = TestVaults.create(dir)) {
            vault.log().append(StreamId.of("s"), utf8("kept")).join();
            vault.log().sync().join();
            assertThatThrownBy(() -> vault.changePassphrase("not it".toCharArray(), newPass.clone(), KdfParams.forTests()))
                    .isInstanceOf(WrongPassphraseException.class);
            Map<String, String> logBefore = logHashes();
            vault.changePassphrase(TestVaults.PASSPHRASE.clone(), newPass.clone(), KdfParams.forTests());
            assertThat(logHashes()).isEqualTo(logBefore);
        }
        assertThatThrownBy(() -> TestVaults.open(dir)).isInstanceOf(WrongPassphraseException.class);
        try (Vault vault = Vault.open(dir, newPass.clone())) {
            assertThat(replayAll(vault)).containsExactly("s|0|kept");
        }
    }

    private Map<String, String> logHashes() {
        Map<String, String> all = TestVaults.hashes(dir);
        all.keySet().removeIf(k -> !k.startsWith("log/") || k.endsWith(".cq4t"));
        return all;
    }

    @Test
    void shredMakesAStreamUnreadableButKeepsTheChain() throws Exception {
        StreamId keep = StreamId.of("acct/keep@example.org");
        StreamId forget = StreamId.of("acct/forget@example.org");
        try (Vault vault = TestVaults.create(dir)) {
            for (int i = 0; i < 5; i++) {
                vault.log().append(keep, utf8("k" + i)).join();
                vault.log().append(forget, utf8("f" + i)).join();
            }
            assertThat(vault.log().shred(forget).join()).isTrue();
            assertThat(vault.log().shred(forget).join()).isFalse();
            vault.log().append(keep, utf8("after")).join();
            ReplayStats stats = vault.log().replay(0, r -> assertThat(r.stream()).isEqualTo(keep));
            assertThat(stats.delivered()).isEqualTo(6);
            assertThat(stats.shreddedSkipped()).isEqualTo(5);
        }
        try (Vault vault = TestVaults.open(dir)) {
            VerifyReport report = vault.log().verify();
            assertThat(report.intact()).as(report.toString()).isTrue();
            assertThat(report.shreddedStreams()).isEqualTo(1);
            assertThat(report.shreddedRecords()).isEqualTo(5);
            assertThat(replayAll(vault)).hasSize(6).allMatch(s -> s.startsWith("acct/keep"));
            // The same name starts a fresh stream with a fresh key.
            vault.log().append(forget, utf8("new life")).join();
            assertThat(replayAll(vault)).contains("acct/forget@example.org|0|new life");
        }
    }

    @Test
    void secondWriterIsRefusedWhileOpen() throws Exception {
        try (Vault vault = TestVaults.create(dir)) {
            assertThatThrownBy(() -> TestVaults.open(dir)).isInstanceOf(VaultBusyException.class);
        }
    }

    @Test
    void creatingOverAnExistingVaultIsRefused() throws Exception {
        TestVaults.create(dir).close();
        assertThatThrownBy(() -> TestVaults.create(dir)).isInstanceOf(VaultException.class);
    }

    @Test
    void passphrasesAreComparedAfterOpaqueStringNormalization() throws Exception {
        // RFC 8265 §4.2: NFC, and non-ASCII spaces map to U+0020.
        try (Vault vault = Vault.create(dir, "caf\u00e9\u00a0au lait".toCharArray(), KdfParams.forTests())) {
            vault.log().append(StreamId.of("s"), utf8("x")).join();
        }
        Vault.open(dir, "cafe\u0301 au lait".toCharArray()).close();
    }
}
