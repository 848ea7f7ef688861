package dev.sotto.persistence.vault;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Issue 3: arbitrary bytes as the key ring → only {@link VaultException}s. A second branch mutates a
 * valid key ring and fixes its checksum, so the fuzzer gets past the checksum into header bounds,
 * AEAD and body parsing. Plain {@code mvn test} replays the committed corpus.
 */
class KeyRingFuzzTest {
    private static final byte[] KEK = new byte[32];
    private static final byte[] VALID;
    static {
        Arrays.fill(KEK, (byte) 9);
        SecureRandom random = new SecureRandom();
        KeyRing ring = KeyRing.createNew(random);
        ring.addStream("acct/contact@example.org", random);
        ring.setAnchor(5, new byte[32]);
        VALID = KeyRingFile.encode(KeyRingFile.header(KdfParams.forTests(), new byte[16], new byte[16], new byte[12]),
                ring, KEK, new Crypto());
    }

    @FuzzTest(maxDuration = "10s")
    void keyRingBytes(FuzzedDataProvider data) throws Exception {
        byte[] file;
        if (data.consumeBoolean()) {
            file = data.consumeRemainingAsBytes();
        } else {
            file = VALID.clone();
            int flips = data.consumeInt(1, 4);
            for (int i = 0; i < flips; i++) {
                file[data.consumeInt(0, file.length - 33)] ^= (byte) data.consumeInt(1, 255);
            }
            byte[] sum = MessageDigest.getInstance("SHA-256").digest(Arrays.copyOf(file, file.length - 32));
            System.arraycopy(sum, 0, file, file.length - 32, 32);
        }
        try {
            KeyRingFile.Sealed sealed = KeyRingFile.parse(file);
            KeyRingFile.kdfParams(sealed);
            KeyRingFile.unseal(sealed, KEK, new Crypto());
        } catch (VaultException expected) {
            // KeyRingCorruptException or WrongPassphraseException: the only outcomes for hostile bytes.
        }
    }
}
