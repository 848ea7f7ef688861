package dev.sotto.persistence.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.persistence.TestVaults;
import dev.sotto.persistence.vault.KdfParams;
import dev.sotto.persistence.vault.Vault;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A vault made before record format 2 keeps its format (the key ring says which) and keeps every
 * property: appends stay format 1, and a removed, swapped, duplicated or altered record is still detected.
 * TamperTest covers format 2 in full; this is the format-1 subset, kept small for the CI budget.
 */
class Format1CompatibilityTest {
    @TempDir
    Path dir;

    private Path logDir() {
        return dir.resolve(Vault.LOG_DIR);
    }

    private void make(int records) throws Exception {
        try (Vault vault = Vault.createWithLogFormat(dir, TestVaults.PASSPHRASE.clone(), KdfParams.forTests(), 1)) {
            for (int i = 0; i < records; i++) {
                vault.log().append(StreamId.of("s" + (i % 2)), ("event " + i).getBytes(StandardCharsets.UTF_8)).join();
            }
            vault.log().shred(StreamId.of("s1")).join();
        }
    }

    private VerifyReport verify() throws Exception {
        try (Vault vault = Vault.openReadOnly(dir, TestVaults.PASSPHRASE.clone())) {
            return vault.log().verify();
        }
    }

    @Test
    void aFormat1VaultStaysFormat1AndVerifiesAfterShredAndReopen() throws Exception {
        make(6);
        try (Vault vault = TestVaults.open(dir)) {
            vault.log().append(StreamId.of("s0"), "after reopen".getBytes(StandardCharsets.UTF_8)).join();
            List<String> seen = new ArrayList<>();
            ReplayStats stats = vault.log().replay(0, r -> seen.add(new String(r.payload(), StandardCharsets.UTF_8)));
            assertThat(seen).containsExactly("event 0", "event 2", "event 4", "after reopen");
            assertThat(stats.shreddedSkipped()).isEqualTo(3);
        }
        assertThat(RawQueue.read(logDir()).stream().map(d -> (int) d.bytes()[0]).toList()).hasSize(8).containsOnly(1);
        VerifyReport report = verify();
        assertThat(report.intact()).as(report.toString()).isTrue();
        assertThat(report.records()).isEqualTo(8);
    }

    @Test
    void removedSwappedDuplicatedAndAlteredRecordsAreDetected() throws Exception {
        make(6);
        List<byte[]> original = new ArrayList<>(RawQueue.read(logDir()).stream().map(RawQueue.Document::bytes).toList());

        List<byte[]> d = new ArrayList<>(original);
        d.remove(2);
        RawQueue.rewrite(logDir(), d);
        assertThat(verify().tamperedAt()).as("removed").hasValue(2);

        d = new ArrayList<>(original);
        d.set(2, original.get(3));
        d.set(3, original.get(2));
        RawQueue.rewrite(logDir(), d);
        assertThat(verify().tamperedAt()).as("swapped").hasValue(2);

        d = new ArrayList<>(original);
        d.add(3, original.get(2));
        RawQueue.rewrite(logDir(), d);
        assertThat(verify().tamperedAt()).as("duplicated").hasValue(3);

        for (int at : new int[] {0, 5, 17, 40, original.get(4).length - 1}) {
            d = new ArrayList<>(original);
            byte[] altered = original.get(4).clone();
            altered[at] ^= 0x01;
            d.set(4, altered);
            RawQueue.rewrite(logDir(), d);
            assertThat(verify().tamperedAt()).as("byte %d of record 4 flipped", at).hasValue(4);
        }

        RawQueue.rewrite(logDir(), original);
        assertThat(verify().intact()).isTrue();
    }
}
