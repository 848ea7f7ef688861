package dev.sotto.engine.xmpp;

import java.net.Socket;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.KeyStoreException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Server certificate trust for one connection (DESIGN.md, Secure by default): a certificate whose SHA-256 the
 * user pinned is accepted exactly; otherwise the JDK's PKIX trust store decides, with host name checking
 * (the engine's endpoint identification is set by the caller). A refusal remembers the fingerprint so the
 * session can report {@code CertificateUntrusted}.
 */
public final class PinningTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager system;
    private final Set<String> pins;
    private volatile String refusedSha256;
    private volatile String acceptedSha256;

    public PinningTrustManager(X509ExtendedTrustManager system, Set<String> pins) {
        this.system = system;
        this.pins = Set.copyOf(pins);
    }

    /** The JDK's default PKIX trust manager over its default trust store. */
    public static X509ExtendedTrustManager systemDefault() {
        try {
            TrustManagerFactory f = TrustManagerFactory.getInstance("PKIX");
            f.init((KeyStore) null);
            for (TrustManager tm : f.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) {
                    return x;
                }
            }
            throw new IllegalStateException("no X509ExtendedTrustManager in the JDK");
        } catch (NoSuchAlgorithmException | KeyStoreException e) {
            throw new IllegalStateException("no PKIX trust manager", e);
        }
    }

    /** The fingerprint of the certificate refused last, or {@code null}. */
    public String refusedSha256() {
        return refusedSha256;
    }

    /** The fingerprint of the certificate accepted, or {@code null}. */
    public String acceptedSha256() {
        return acceptedSha256;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        decide(chain, () -> system.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        decide(chain, () -> system.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        // Without an engine there is no host name to check: refuse unless pinned.
        decide(chain, () -> {
            throw new CertificateException("no host name to verify");
        });
    }

    private interface Check {
        void run() throws CertificateException;
    }

    private void decide(X509Certificate[] chain, Check systemCheck) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("empty certificate chain");
        }
        String sha256 = CertificateFingerprint.sha256(chain[0]);
        if (pins.contains(sha256)) {
            acceptedSha256 = sha256; // the user accepted exactly this certificate
            return;
        }
        try {
            systemCheck.run();
            acceptedSha256 = sha256;
        } catch (CertificateException e) {
            refusedSha256 = sha256;
            throw e;
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("a client does not accept client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("a client does not accept client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a client does not accept client certificates");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return system.getAcceptedIssuers();
    }
}
