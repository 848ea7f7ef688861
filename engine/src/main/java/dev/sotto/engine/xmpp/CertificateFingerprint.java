package dev.sotto.engine.xmpp;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/** SHA-256 certificate fingerprints as the console prints them: upper-case hex bytes joined by colons. */
public final class CertificateFingerprint {
    private CertificateFingerprint() {}

    /** The SHA-256 fingerprint of the certificate's DER encoding. */
    public static String sha256(X509Certificate certificate) {
        try {
            byte[] der = certificate.getEncoded();
            return format(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint certificate", e);
        }
    }

    /** Colon-separated upper-case hex. */
    public static String format(byte[] digest) {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }

    /**
     * The canonical form of a fingerprint typed with or without separators (DESIGN.md, Console contract), or
     * {@code null} when it is not 32 hex bytes.
     */
    public static String normalize(String typed) {
        String hex = typed.replace(":", "").replace(" ", "").toUpperCase(Locale.ROOT);
        if (!hex.matches("[0-9A-F]{64}")) {
            return null;
        }
        return format(HexFormat.of().parseHex(hex));
    }
}
