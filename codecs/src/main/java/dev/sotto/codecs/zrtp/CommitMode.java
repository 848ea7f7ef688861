package dev.sotto.codecs.zrtp;

/**
 * The part of a Commit that depends on its key agreement mode (RFC 6189 §5.4, Figures 5–7).
 */
public sealed interface CommitMode permits CommitMode.DiffieHellman, CommitMode.Multistream, CommitMode.Preshared {

    /** Octets of this part on the wire. */
    int length();

    /** Figure 5: the hash commitment hvi (8 words, §4.4.1.1). */
    record DiffieHellman(byte[] hvi) implements CommitMode {
        public DiffieHellman {
            hvi = ZrtpWriter.copy(hvi, 32, "hvi");
        }

        @Override
        public byte[] hvi() {
            return hvi.clone();
        }

        @Override
        public int length() {
            return 32;
        }

        @Override
        public String toString() {
            return "DiffieHellman";
        }
    }

    /** Figure 6: key agreement "Mult", a 4-word nonce (§4.4.3.1). */
    record Multistream(byte[] nonce) implements CommitMode {
        public Multistream {
            nonce = ZrtpWriter.copy(nonce, 16, "nonce");
        }

        @Override
        public byte[] nonce() {
            return nonce.clone();
        }

        @Override
        public int length() {
            return 16;
        }

        @Override
        public String toString() {
            return "Multistream";
        }
    }

    /** Figure 7: key agreement "Prsh", a 4-word nonce and a 2-word keyID (§4.4.2.1). */
    record Preshared(byte[] nonce, byte[] keyId) implements CommitMode {
        public Preshared {
            nonce = ZrtpWriter.copy(nonce, 16, "nonce");
            keyId = ZrtpWriter.copy(keyId, 8, "keyID");
        }

        @Override
        public byte[] nonce() {
            return nonce.clone();
        }

        @Override
        public byte[] keyId() {
            return keyId.clone();
        }

        @Override
        public int length() {
            return 24;
        }

        @Override
        public String toString() {
            return "Preshared";
        }
    }
}
