package dev.sotto.vectors.otr;

import dev.sotto.codecs.otr.OtrPublicKey;
import dev.sotto.codecs.otr.OtrWriter;
import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.otr.OtrLongTermKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;

/** Fixture DSA-1024/160 keys (the same file as engine's test fixture) and seeded randomness. */
public final class OtrTestKeys {

    private static final Properties KEYS = new Properties();

    static {
        try (InputStream in = OtrTestKeys.class.getResourceAsStream("fixture-keys.properties")) {
            KEYS.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private OtrTestKeys() {}

    public static BigInteger part(int i, String name) {
        return new BigInteger(KEYS.getProperty("key" + i + "." + name), 16);
    }

    public static OtrLongTermKey key(int i) {
        return new OtrLongTermKey(new OtrPublicKey(part(i, "p"), part(i, "q"), part(i, "g"), part(i, "y")),
                Secret.of(OtrWriter.unsignedBytes(part(i, "x"))));
    }

    /** Key {@code i} in libotr's private key file format (an S-expression with gcrypt hex MPIs). */
    public static String libotrKeyFile(int i, String protocol, String... accounts) {
        StringBuilder b = new StringBuilder("(privkeys\n");
        for (String account : accounts) {
            b.append(" (account\n  (name \"").append(account).append("\")\n  (protocol ").append(protocol)
                    .append(")\n  (private-key\n   (dsa\n");
            for (String n : new String[] {"p", "q", "g", "y", "x"}) {
                byte[] v = part(i, n).toByteArray(); // two's complement: a leading 0x00 keeps the MPI positive
                b.append("    (").append(n).append(" #").append(HexFormat.of().withUpperCase().formatHex(v))
                        .append("#)\n");
            }
            b.append("   )\n  )\n )\n");
        }
        return b.append(")\n").toString();
    }

    public static long seed() {
        String s = System.getProperty("sotto.test.seed");
        return s != null ? Long.parseLong(s) : new SecureRandom().nextLong();
    }

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
