package dev.sotto.persistence.log;

import dev.sotto.persistence.vault.KdfParams;
import dev.sotto.persistence.vault.Vault;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The golden vault of format version 1 (issue 3): made once by {@link #main} with this version and
 * committed under {@code src/test/resources/golden-vault-v1}; {@link GoldenVaultTest} must keep opening it.
 * Regenerate only for a deliberate format change, never to make a test pass.
 */
public final class GoldenVault {
    static final String PASSPHRASE = "sotto golden vault v1";
    static final String RESOURCE = "golden-vault-v1";
    static final StreamId ACCOUNT = StreamId.of("alice@example.org");
    static final StreamId BOB = StreamId.of("alice@example.org/bob@example.org");
    static final StreamId CAROL = StreamId.of("alice@example.org/carol@example.org");

    /** What a replay of the golden vault yields: stream|sequence|payload, in log order. */
    static final List<String> EXPECTED = List.of(
            "alice@example.org|0|account created",
            "alice@example.org/bob@example.org|0|hello bob",
            "alice@example.org/bob@example.org|1|caf\u00e9 \u2615 \uD83D\uDD12",
            "alice@example.org|1|presence policy: transient");

    private GoldenVault() {}

    public static void main(String[] args) throws Exception {
        try (Vault vault = Vault.create(Path.of(args[0]), PASSPHRASE.toCharArray(), KdfParams.forTests())) {
            EventLog log = vault.log();
            log.append(ACCOUNT, bytes("account created")).join();
            log.append(BOB, bytes("hello bob")).join();
            log.append(CAROL, bytes("this conversation is forgotten")).join();
            log.append(BOB, bytes("caf\u00e9 \u2615 \uD83D\uDD12")).join();
            log.append(CAROL, bytes("so is this")).join();
            log.shred(CAROL).join();
            log.append(ACCOUNT, bytes("presence policy: transient")).join();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
