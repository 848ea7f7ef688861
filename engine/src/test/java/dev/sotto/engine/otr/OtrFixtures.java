package dev.sotto.engine.otr;

import dev.sotto.codecs.otr.OtrPublicKey;
import dev.sotto.engine.crypto.Secret;
import dev.sotto.codecs.otr.OtrWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Properties;

/** Fixture DSA keys (DSA generation is slow) and seeded randomness for tests. */
public final class OtrFixtures {

    private static final Properties KEYS = new Properties();

    static {
        try (InputStream in = OtrFixtures.class.getResourceAsStream("fixture-keys.properties")) {
            KEYS.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private OtrFixtures() {}

    public static OtrLongTermKey key(int i) {
        BigInteger p = hex("key" + i + ".p");
        BigInteger q = hex("key" + i + ".q");
        BigInteger g = hex("key" + i + ".g");
        BigInteger y = hex("key" + i + ".y");
        BigInteger x = hex("key" + i + ".x");
        return new OtrLongTermKey(new OtrPublicKey(p, q, g, y), Secret.of(OtrWriter.unsignedBytes(x)));
    }

    private static BigInteger hex(String name) {
        return new BigInteger(KEYS.getProperty(name), 16);
    }

    /** The seed: -Dsotto.test.seed=N replays a run; otherwise random and printed. */
    public static long seed() {
        String s = System.getProperty("sotto.test.seed");
        return s != null ? Long.parseLong(s) : new SecureRandom().nextLong();
    }

    /** A deterministic SecureRandom for {@code seed} (SHA1PRNG seeded before first use). */
    public static SecureRandom random(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
