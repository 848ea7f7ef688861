package dev.sotto.engine.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.HexFormat;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pins accept exactly their certificate; anything else goes to the JDK's PKIX check and is remembered. */
class PinningTrustManagerTest {

    private static X509Certificate selfSigned;

    @BeforeAll
    static void makeCertificate() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        KeyPair kp = g.generateKeyPair();
        X500Name name = new X500Name("CN=localhost");
        Date now = new Date();
        selfSigned = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.ONE, now, new Date(now.getTime() + 86_400_000L), name, kp.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
    }

    private static String expectedFingerprint() throws Exception {
        // Computed independently of CertificateFingerprint: JDK SHA-256 over the DER, hex with colons.
        byte[] d = MessageDigest.getInstance("SHA-256").digest(selfSigned.getEncoded());
        String hex = HexFormat.of().withUpperCase().formatHex(d);
        return String.join(":", hex.split("(?<=\\G..)"));
    }

    @Test
    void unpinnedSelfSignedCertificateIsRefusedAndItsFingerprintKept() throws Exception {
        PinningTrustManager tm = new PinningTrustManager(PinningTrustManager.systemDefault(), Set.of());
        assertThatThrownBy(() -> tm.checkServerTrusted(new X509Certificate[] {selfSigned}, "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class);
        assertThat(tm.refusedSha256()).isEqualTo(expectedFingerprint());
        assertThat(tm.acceptedSha256()).isNull();
    }

    @Test
    void pinnedCertificateIsAccepted() throws Exception {
        PinningTrustManager tm = new PinningTrustManager(PinningTrustManager.systemDefault(), Set.of(expectedFingerprint()));
        tm.checkServerTrusted(new X509Certificate[] {selfSigned}, "ECDHE_ECDSA");
        assertThat(tm.acceptedSha256()).isEqualTo(expectedFingerprint());
    }

    @Test
    void aDifferentPinDoesNotHelp() throws Exception {
        String other = "00:" + expectedFingerprint().substring(3);
        PinningTrustManager tm = new PinningTrustManager(PinningTrustManager.systemDefault(), Set.of(other));
        assertThatThrownBy(() -> tm.checkServerTrusted(new X509Certificate[] {selfSigned}, "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class);
    }

    @Test
    void clientCertificatesAndEmptyChainsAreRefused() {
        PinningTrustManager tm = new PinningTrustManager(PinningTrustManager.systemDefault(), Set.of());
        assertThatThrownBy(() -> tm.checkServerTrusted(new X509Certificate[0], "RSA")).isInstanceOf(CertificateException.class);
        assertThatThrownBy(() -> tm.checkClientTrusted(new X509Certificate[] {selfSigned}, "RSA"))
                .isInstanceOf(CertificateException.class);
    }

    @Test
    void fingerprintsAreAcceptedWithOrWithoutSeparators() throws Exception {
        String fp = expectedFingerprint();
        assertThat(CertificateFingerprint.normalize(fp.replace(":", "").toLowerCase())).isEqualTo(fp);
        assertThat(CertificateFingerprint.normalize(fp)).isEqualTo(fp);
        assertThat(CertificateFingerprint.normalize("AB:CD")).isNull();
        assertThat(CertificateFingerprint.sha256(selfSigned)).isEqualTo(fp);
    }
}
