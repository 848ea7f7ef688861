package dev.sotto.engine.srtp;

import java.util.Arrays;

/**
 * The six session keys of one master key (RFC 3711 §4.3.1 labels 0 to 5). The authentication keys are
 * empty for AEAD profiles. {@link #toString()} prints no key material; {@link #wipe()} zeroes it.
 */
public final class SrtpSessionKeys {

    private final byte[] srtpEncryptionKey;
    private final byte[] srtpSalt;
    private final byte[] srtpAuthKey;
    private final byte[] srtcpEncryptionKey;
    private final byte[] srtcpSalt;
    private final byte[] srtcpAuthKey;

    public SrtpSessionKeys(byte[] srtpEncryptionKey, byte[] srtpSalt, byte[] srtpAuthKey, byte[] srtcpEncryptionKey,
            byte[] srtcpSalt, byte[] srtcpAuthKey) {
        this.srtpEncryptionKey = srtpEncryptionKey.clone();
        this.srtpSalt = srtpSalt.clone();
        this.srtpAuthKey = srtpAuthKey.clone();
        this.srtcpEncryptionKey = srtcpEncryptionKey.clone();
        this.srtcpSalt = srtcpSalt.clone();
        this.srtcpAuthKey = srtcpAuthKey.clone();
    }

    /** Derives all six with the AES-CM PRF at kdr 0 (RFC 3711 §4.3; RFC 6188 §3; RFC 7714 §11). */
    public static SrtpSessionKeys derive(SrtpProfile profile, byte[] masterKey, byte[] masterSalt) {
        if (masterKey.length != profile.masterKeyLength()) {
            throw new IllegalArgumentException(profile + " needs a " + profile.masterKeyLength() + "-octet master key");
        }
        if (masterSalt.length != profile.masterSaltLength()) {
            throw new IllegalArgumentException(profile + " needs a " + profile.masterSaltLength() + "-octet master salt");
        }
        int k = profile.masterKeyLength();
        int s = profile.masterSaltLength();
        int a = profile.authKeyLength();
        byte[][] m = {
            SrtpKeyDerivation.derive(masterKey, masterSalt, SrtpKeyDerivation.LABEL_SRTP_ENCRYPTION, k),
            SrtpKeyDerivation.derive(masterKey, masterSalt, SrtpKeyDerivation.LABEL_SRTP_SALT, s),
            SrtpKeyDerivation.derive(masterKey, masterSalt, SrtpKeyDerivation.LABEL_SRTP_AUTHENTICATION, a),
            SrtpKeyDerivation.derive(masterKey, masterSalt, SrtpKeyDerivation.LABEL_SRTCP_ENCRYPTION, k),
            SrtpKeyDerivation.derive(masterKey, masterSalt, SrtpKeyDerivation.LABEL_SRTCP_SALT, s),
            SrtpKeyDerivation.derive(masterKey, masterSalt, SrtpKeyDerivation.LABEL_SRTCP_AUTHENTICATION, a),
        };
        try {
            return new SrtpSessionKeys(m[0], m[1], m[2], m[3], m[4], m[5]);
        } finally {
            for (byte[] b : m) {
                Arrays.fill(b, (byte) 0);
            }
        }
    }

    byte[] srtpEncryptionKey() {
        return srtpEncryptionKey;
    }

    byte[] srtpSalt() {
        return srtpSalt;
    }

    byte[] srtpAuthKey() {
        return srtpAuthKey;
    }

    byte[] srtcpEncryptionKey() {
        return srtcpEncryptionKey;
    }

    byte[] srtcpSalt() {
        return srtcpSalt;
    }

    byte[] srtcpAuthKey() {
        return srtcpAuthKey;
    }

    /** Zeroes every key; a context built from these keys keeps its own copies inside JCE objects. */
    public void wipe() {
        Arrays.fill(srtpEncryptionKey, (byte) 0);
        Arrays.fill(srtpSalt, (byte) 0);
        Arrays.fill(srtpAuthKey, (byte) 0);
        Arrays.fill(srtcpEncryptionKey, (byte) 0);
        Arrays.fill(srtcpSalt, (byte) 0);
        Arrays.fill(srtcpAuthKey, (byte) 0);
    }

    @Override
    public String toString() {
        return "SrtpSessionKeys[redacted]";
    }
}
