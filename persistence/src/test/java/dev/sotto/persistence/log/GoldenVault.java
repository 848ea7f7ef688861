package dev.sotto.persistence.log;

import dev.sotto.persistence.vault.KdfParams;
import dev.sotto.persistence.vault.Vault;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The golden vaults (issue 3), one per log record format: made once by {@link #main} and committed as
 * {@code src/test/resources/golden-vault-v1.zip} (format 1), {@code golden-vault-v2.zip} (format 2) and
 * {@code golden-vault-v3.zip} (format 3, whose first record is a batch of two events); {@link GoldenVaultTest} must
 * keep opening all of them. Never regenerate a committed one to make a test pass:
 * a new format gets a new golden vault next to the old ones.
 *
 * <pre>
 * java -cp ... dev.sotto.persistence.log.GoldenVault DIR 3   # then zip DIR's contents
 * </pre>
 */
public final class GoldenVault {
    static final String PASSPHRASE = "sotto golden vault v1";
    static final String RESOURCE = "golden-vault-v1";
    static final String PASSPHRASE_V2 = "sotto golden vault v2";
    static final String RESOURCE_V2 = "golden-vault-v2";
    static final String PASSPHRASE_V3 = "sotto golden vault v3";
    static final String RESOURCE_V3 = "golden-vault-v3";
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
        int format = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String passphrase = format == 1 ? PASSPHRASE : format == 2 ? PASSPHRASE_V2 : PASSPHRASE_V3;
        try (Vault vault = Vault.createWithLogFormat(Path.of(args[0]), passphrase.toCharArray(), KdfParams.forTests(), format)) {
            EventLog log = vault.log();
            if (format >= 3) {
                // Both events while the writer is busy with the sync: they are taken together and written as one
                // record (the golden vault must hold a batch; checked below).
                var sync = log.sync();
                var first = log.append(ACCOUNT, bytes("account created"));
                log.append(BOB, bytes("hello bob")).join();
                sync.join();
                first.join();
            } else {
                log.append(ACCOUNT, bytes("account created")).join();
                log.append(BOB, bytes("hello bob")).join();
            }
            log.append(CAROL, bytes("this conversation is forgotten")).join();
            log.append(BOB, bytes("caf\u00e9 \u2615 \uD83D\uDD12")).join();
            log.append(CAROL, bytes("so is this")).join();
            log.shred(CAROL).join();
            log.append(ACCOUNT, bytes("presence policy: transient")).join();
        }
        if (format >= 3) {
            int records = RawQueue.read(Path.of(args[0]).resolve(Vault.LOG_DIR)).size();
            if (records != 6) {
                throw new IllegalStateException("the first two events did not share a record (" + records + " records); run again");
            }
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
