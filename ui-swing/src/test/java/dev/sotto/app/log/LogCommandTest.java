package dev.sotto.app.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.persistence.log.StreamId;
import dev.sotto.persistence.vault.KdfParams;
import dev.sotto.persistence.vault.Vault;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Issue 3, CLI: `sotto log verify|stats DIR`, exit 0 intact, 1 tampering, 2 wrong passphrase or usage. */
class LogCommandTest {
    static final String PASS = "log command test passphrase";

    @TempDir
    Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void makeVault() throws Exception {
        try (Vault vault = Vault.create(dir, PASS.toCharArray(), KdfParams.forTests())) {
            vault.log().append(StreamId.of("acct"), "a".getBytes(StandardCharsets.UTF_8)).join();
            vault.log().append(StreamId.of("acct/bob"), "b".getBytes(StandardCharsets.UTF_8)).join();
            vault.log().append(StreamId.of("acct/carol"), "c".getBytes(StandardCharsets.UTF_8)).join();
            vault.log().shred(StreamId.of("acct/carol")).join();
        }
        LogCommand.passphraseSource = PASS::toCharArray;
    }

    @AfterEach
    void restore() {
        LogCommand.passphraseSource = LogCommand::readPassphrase;
    }

    private int run(String... args) {
        CommandLine cl = LogCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void verifyAnIntactVaultExitsZeroAndChangesNothing() throws Exception {
        Map<String, String> before = hashes(dir);
        assertThat(run("verify", dir.toString())).isEqualTo(0);
        assertThat(out.toString()).contains("chain: intact").contains("records verified: 4 of 4");
        assertThat(hashes(dir)).isEqualTo(before);
    }

    @Test
    void statsCountsRecordsStreamsAndShreddedStreams() {
        assertThat(run("stats", "--json", dir.toString())).isEqualTo(0);
        assertThat(out.toString().trim()).contains("\"records\":4", "\"events\":3", "\"streams\":2",
                "\"shreddedStreams\":1", "\"shreddedRecords\":1", "\"chain\":\"intact\"");
    }

    @Test
    void wrongPassphraseExitsTwo() {
        LogCommand.passphraseSource = "not the passphrase"::toCharArray;
        assertThat(run("verify", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("wrong passphrase");
    }

    @Test
    void damagedKeyRingExitsOne() throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(dir.resolve("keyring.bin").toFile(), "rw")) {
            raf.seek(20);
            int b = raf.read();
            raf.seek(20);
            raf.write(b ^ 0x40);
        }
        assertThat(run("verify", dir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("key ring damaged");
    }

    @Test
    void missingDirectoryOrSubcommandIsUsageError() {
        assertThat(run("verify", dir.resolve("nope").toString())).isEqualTo(2);
        assertThat(run()).isEqualTo(2);
    }

    @Test
    void secretsNeverReachTheOutput() {
        run("stats", dir.toString());
        run("verify", "--json", dir.toString());
        assertThat(out.toString() + err.toString()).doesNotContain(PASS).doesNotContain("acct/bob");
    }

    private static Map<String, String> hashes(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                out.put(dir.relativize(p).toString(),
                        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        return out;
    }
}
