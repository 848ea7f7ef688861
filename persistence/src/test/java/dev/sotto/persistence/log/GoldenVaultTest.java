package dev.sotto.persistence.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.persistence.vault.Vault;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 3: a vault made by each log record format stays readable (and writable) by every later version. */
class GoldenVaultTest {
    @TempDir
    Path dir;

    private void unpack(String resource) throws Exception {
        try (InputStream raw = GoldenVaultTest.class.getResourceAsStream("/" + resource + ".zip");
             ZipInputStream zip = new ZipInputStream(raw)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                Path target = dir.resolve(e.getName()).normalize();
                assertThat(target.startsWith(dir)).as("zip entry stays inside the directory").isTrue();
                Files.createDirectories(target.getParent());
                Files.copy(zip, target);
            }
        }
    }

    private List<String> replay(Vault vault) throws Exception {
        List<String> out = new ArrayList<>();
        ReplayStats stats = vault.log().replay(0, r ->
                out.add(r.stream().value() + "|" + r.sequence() + "|" + new String(r.payload(), StandardCharsets.UTF_8)));
        assertThat(stats.shreddedSkipped()).isEqualTo(2);
        return out;
    }

    @Test
    void goldenVaultOfFormat1OpensVerifiesAndReplays() throws Exception {
        opensVerifiesAndReplays(GoldenVault.RESOURCE, GoldenVault.PASSPHRASE, 1);
    }

    @Test
    void goldenVaultOfFormat2OpensVerifiesAndReplays() throws Exception {
        opensVerifiesAndReplays(GoldenVault.RESOURCE_V2, GoldenVault.PASSPHRASE_V2, 2);
    }

    @Test
    void goldenVaultOfFormat3OpensVerifiesAndReplays() throws Exception {
        opensVerifiesAndReplays(GoldenVault.RESOURCE_V3, GoldenVault.PASSPHRASE_V3, 3);
    }

    private void opensVerifiesAndReplays(String resource, String passphrase, int format) throws Exception {
        // Formats 1 and 2: one record per event or tombstone. Format 3's golden vault starts with one record
        // holding two events; positions are the same (one per event), so the next append is still position 7.
        int records = format >= 3 ? 6 : 7;
        unpack(resource);
        assertThat(recordVersions()).as("every record's clear version byte").containsOnly(format);
        try (Vault vault = Vault.openReadOnly(dir, passphrase.toCharArray())) {
            VerifyReport report = vault.log().verify();
            assertThat(report.intact()).as(report.toString()).isTrue();
            assertThat(report.records()).isEqualTo(records); // 6 events and a tombstone
            assertThat(report.events()).isEqualTo(6);
            assertThat(report.liveStreams()).isEqualTo(2);
            assertThat(report.shreddedStreams()).isEqualTo(1);
            assertThat(report.shreddedRecords()).isEqualTo(2);
            assertThat(report.anchorCount()).isEqualTo(records);
            assertThat(replay(vault)).isEqualTo(GoldenVault.EXPECTED);
        }
        // And a writer can continue it.
        try (Vault vault = Vault.open(dir, passphrase.toCharArray())) {
            assertThat(vault.log().append(GoldenVault.BOB, "still here".getBytes(StandardCharsets.UTF_8)).join()).isEqualTo(7);
            List<String> all = replay(vault);
            assertThat(all).startsWith(GoldenVault.EXPECTED.toArray(String[]::new));
            assertThat(all.get(all.size() - 1)).isEqualTo("alice@example.org/bob@example.org|2|still here");
        }
        // A vault keeps its format: the appended record (and the final anchor) did not change it.
        assertThat(recordVersions()).containsOnly(format).hasSize(records + 1);
        try (Vault vault = Vault.openReadOnly(dir, passphrase.toCharArray())) {
            assertThat(vault.log().verify().intact()).isTrue();
        }
    }

    private List<Integer> recordVersions() {
        return RawQueue.read(dir.resolve(Vault.LOG_DIR)).stream().map(d -> (int) d.bytes()[0]).toList();
    }
}
