package dev.sotto.persistence.log;

import dev.sotto.persistence.vault.KdfParams;
import dev.sotto.persistence.vault.Vault;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;

/**
 * Child process of {@link CrashRecoveryTest}: opens (or creates) the vault, then appends as fast as it can
 * and prints {@code <payload-id> <position>} for each record once its future says it is durable. It never
 * stops by itself: the test kills it with SIGKILL.
 */
public final class CrashWriter {
    private CrashWriter() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String prefix = args[1];
        char[] pass = "crash test passphrase".toCharArray();
        Vault vault = Files.exists(dir.resolve("keyring.bin"))
                ? Vault.open(dir, pass.clone())
                : Vault.create(dir, pass.clone(), KdfParams.forTests());
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
        out.println("ready");
        out.flush();
        Semaphore inFlight = new Semaphore(4096);
        StreamId[] streams = {StreamId.of("crash/a"), StreamId.of("crash/b"), StreamId.of("crash/c")};
        for (long i = 0; ; i++) {
            inFlight.acquire();
            String id = prefix + "-" + i;
            vault.log().append(streams[(int) (i % streams.length)], id.getBytes(StandardCharsets.UTF_8))
                    .whenComplete((position, error) -> {
                        if (error == null) {
                            synchronized (out) {
                                out.println(id + " " + position);
                                out.flush();
                            }
                        }
                        inFlight.release();
                    });
        }
    }
}
