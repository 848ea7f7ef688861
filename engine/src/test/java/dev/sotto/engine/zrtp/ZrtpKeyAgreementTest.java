package dev.sotto.engine.zrtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sotto.codecs.zrtp.CipherAlgorithm;
import dev.sotto.codecs.zrtp.KeyAgreementType;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 7748 §6.1 (X25519), RFC 5114 A.6/A.7 (P-256/P-384) vectors; RFC 6189 value checks. */
class ZrtpKeyAgreementTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void x25519Rfc7748Section61UnderBothNames() {
        for (KeyAgreementType t : List.of(KeyAgreementType.X255, KeyAgreementType.E255)) {
            ZrtpKeyAgreement ka = ZrtpKeyAgreement.of(t, CipherAlgorithm.AES1);
            assertThat(ka.publicValueLength()).isEqualTo(32);
            ZrtpKeyAgreement.LocalKey alice = ka.fromSecret(hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
            ZrtpKeyAgreement.LocalKey bob = ka.fromSecret(hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"));
            assertThat(hex(alice.publicValue())).isEqualTo("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
            assertThat(hex(bob.publicValue())).isEqualTo("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
            String k = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";
            assertThat(hex(ka.sharedSecret(alice, bob.publicValue()).orElseThrow())).isEqualTo(k);
            assertThat(hex(ka.sharedSecret(bob, alice.publicValue()).orElseThrow())).isEqualTo(k);
        }
    }

    @Test
    void x25519RejectsSmallOrderPointsAndWrongLengths() {
        ZrtpKeyAgreement ka = ZrtpKeyAgreement.of(KeyAgreementType.X255, CipherAlgorithm.AES1);
        ZrtpKeyAgreement.LocalKey k = ka.generate(RANDOM);
        // u = 0 and u = 1 have small order: X25519 gives the all-zero value (RFC 7748 §6.1, §7).
        assertThat(ka.sharedSecret(k, new byte[32])).isEmpty();
        byte[] one = new byte[32];
        one[0] = 1;
        assertThat(ka.sharedSecret(k, one)).isEmpty();
        assertThat(ka.sharedSecret(k, new byte[31])).isEmpty();
        assertThat(ka.sharedSecret(k, new byte[33])).isEmpty();
    }

    @Test
    void ec25Rfc5114AppendixA6() {
        ZrtpKeyAgreement ka = ZrtpKeyAgreement.of(KeyAgreementType.EC25, CipherAlgorithm.AES1);
        assertThat(ka.publicValueLength()).isEqualTo(64);
        assertThat(ka.resultLength()).isEqualTo(32);
        ZrtpKeyAgreement.LocalKey a = ka.fromSecret(hex("814264145F2F56F2E96A8E337A1284993FAF432A5ABCE59E867B7291D507A3AF"));
        ZrtpKeyAgreement.LocalKey b = ka.fromSecret(hex("2CE1788EC197E096DB95A200CC0AB26A19CE6BCCAD562B8EEE1B593761CF7F41"));
        assertThat(hex(a.publicValue())).isEqualToIgnoringCase(
                "2AF502F3BE8952F2C9B5A8D4160D09E97165BE50BC42AE4A5E8D3B4BA83AEB15"
                + "EB0FAF4CA986C4D38681A0F9872D79D56795BD4BFF6E6DE3C0F5015ECE5EFD85");
        assertThat(hex(b.publicValue())).isEqualToIgnoringCase(
                "B120DE4AA36492795346E8DE6C2C8646AE06AAEA279FA775B3AB0715F6CE51B0"
                + "9F1B7EECE20D7B5ED8EC685FA3F071D83727027092A8411385C34DDE5708B2B6");
        String xz = "DD0F5396219D1EA393310412D19A08F1F5811E9DC8EC8EEA7F80D21C820C2788";
        assertThat(hex(ka.sharedSecret(a, b.publicValue()).orElseThrow())).isEqualToIgnoringCase(xz);
        assertThat(hex(ka.sharedSecret(b, a.publicValue()).orElseThrow())).isEqualToIgnoringCase(xz);
    }

    @Test
    void ec38Rfc5114AppendixA7() {
        ZrtpKeyAgreement ka = ZrtpKeyAgreement.of(KeyAgreementType.EC38, CipherAlgorithm.AES3);
        assertThat(ka.publicValueLength()).isEqualTo(96);
        ZrtpKeyAgreement.LocalKey a = ka.fromSecret(hex("D27335EA71664AF244DD14E9FD1260715DFD8A7965571C48"
                + "D709EE7A7962A156D706A90CBCB5DF2986F05FEADB9376F1"));
        String qB = "5CD42AB9C41B5347F74B8D4EFB708B3D5B36DB65915359B44ABC17647B6B9999789D72A84865AE2F223F12B5A1ABC120"
                + "E171458FEAA939AAA3A8BFAC46B404BD8F6D5B348C0FA4D80CECA16356CA933240BDE8723415A8ECE035B0EDF36755DE";
        assertThat(hex(a.publicValue())).isEqualToIgnoringCase(
                "793148F1787634D5DA4C6D9074417D05E057AB62F82054D10EE6B0403D6279547E6A8EA9D1FD77427D016FE27A8B8C66"
                + "C6C41294331D23E6F480F4FB4CD40504C947392E94F4C3F06B8F398BB29E42368F7A685923DE3B67BACED214A1A1D128");
        assertThat(hex(ka.sharedSecret(a, hex(qB)).orElseThrow())).isEqualToIgnoringCase(
                "5EA1FC4AF7256D2055981B110575E0A8CAE53160137D904C59D926EB1B8456E427AA8A4540884C37DE159A58028ABC0E");
    }

    @Test
    void ecRejectsPointsOffTheCurveAndOutOfRange() {
        ZrtpKeyAgreement ka = ZrtpKeyAgreement.of(KeyAgreementType.EC25, CipherAlgorithm.AES1);
        ZrtpKeyAgreement.LocalKey k = ka.generate(RANDOM);
        byte[] good = hex("B120DE4AA36492795346E8DE6C2C8646AE06AAEA279FA775B3AB0715F6CE51B0"
                + "9F1B7EECE20D7B5ED8EC685FA3F071D83727027092A8411385C34DDE5708B2B6");
        assertThat(ka.isValidPublicValue(good)).isTrue();
        byte[] offCurve = good.clone();
        offCurve[63] ^= 1;
        assertThat(ka.isValidPublicValue(offCurve)).isFalse();
        assertThat(ka.sharedSecret(k, offCurve)).isEmpty();
        assertThat(ka.isValidPublicValue(new byte[64])).as("(0,0)").isFalse();
        byte[] big = new byte[64];
        java.util.Arrays.fill(big, (byte) 0xFF);
        assertThat(ka.isValidPublicValue(big)).as("coordinates >= p").isFalse();
        assertThat(ka.isValidPublicValue(new byte[63])).isFalse();
        ZrtpKeyAgreement.LocalKey other = ka.generate(RANDOM);
        assertThat(ka.sharedSecret(k, other.publicValue()).orElseThrow())
                .isEqualTo(ka.sharedSecret(other, k.publicValue()).orElseThrow());
    }

    @Test
    void rfc3526PrimesHaveTheirStatedShape() {
        // RFC 3526 §3/§4: p = 2^n − 2^(n−64) − 1 + 2^64·(...): top and bottom 64 bits set; p and (p−1)/2 prime.
        for (BigInteger p : List.of(ZrtpKeyAgreement.MODP_2048, ZrtpKeyAgreement.MODP_3072)) {
            int n = p.bitLength();
            assertThat(n).isIn(2048, 3072);
            assertThat(p.shiftRight(n - 64)).isEqualTo(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
            assertThat(p.and(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)))
                    .isEqualTo(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
            assertThat(p.isProbablePrime(16)).isTrue();
            assertThat(p.subtract(BigInteger.ONE).shiftRight(1).isProbablePrime(16)).isTrue();
        }
        // RFC 3526 §4's hexadecimal value begins FFFFFFFF FFFFFFFF C90FDAA2 2168C234 and ends 2CAFFFFF FFFFFFFF.
        assertThat(ZrtpKeyAgreement.MODP_3072.toString(16)).startsWith("ffffffffffffffffc90fdaa22168c234")
                .endsWith("a93ad2caffffffffffffffff");
    }

    @Test
    void dhRejectsOneZeroAndPMinusOne() {
        for (KeyAgreementType t : List.of(KeyAgreementType.DH3K, KeyAgreementType.DH2K)) {
            ZrtpKeyAgreement ka = ZrtpKeyAgreement.of(t, CipherAlgorithm.AES1);
            BigInteger p = t.equals(KeyAgreementType.DH3K) ? ZrtpKeyAgreement.MODP_3072 : ZrtpKeyAgreement.MODP_2048;
            int len = ka.publicValueLength();
            assertThat(len).isEqualTo(t.publicValueLength());
            ZrtpKeyAgreement.LocalKey k = ka.generate(RANDOM);
            for (BigInteger bad : List.of(BigInteger.ZERO, BigInteger.ONE, p.subtract(BigInteger.ONE), p,
                    BigInteger.ONE.shiftLeft(8 * len).subtract(BigInteger.ONE))) {
                byte[] pv = ZrtpKeyAgreement.fixed(bad, len);
                assertThat(ka.isValidPublicValue(pv)).as(t.name() + " " + bad.bitLength()).isFalse();
                assertThat(ka.sharedSecret(k, pv)).isEmpty();
            }
            assertThat(ka.isValidPublicValue(ZrtpKeyAgreement.fixed(BigInteger.TWO, len))).isTrue();
            assertThat(ka.isValidPublicValue(ZrtpKeyAgreement.fixed(p.subtract(BigInteger.TWO), len))).isTrue();
            assertThat(ka.isValidPublicValue(new byte[len - 1])).isFalse();
        }
    }

    @Test
    void dhAgreesAndMatchesModPowAtFullWidth() {
        ZrtpKeyAgreement ka = ZrtpKeyAgreement.of(KeyAgreementType.DH3K, CipherAlgorithm.AES3);
        byte[] a = hex("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        ZrtpKeyAgreement.LocalKey alice = ka.fromSecret(a);
        ZrtpKeyAgreement.LocalKey bob = ka.generate(RANDOM);
        BigInteger p = ZrtpKeyAgreement.MODP_3072;
        assertThat(new BigInteger(1, alice.publicValue())).isEqualTo(BigInteger.TWO.modPow(new BigInteger(1, a), p));
        assertThat(alice.publicValue()).hasSize(384);
        byte[] z = ka.sharedSecret(alice, bob.publicValue()).orElseThrow();
        assertThat(z).hasSize(384).isEqualTo(ka.sharedSecret(bob, alice.publicValue()).orElseThrow());
        assertThat(new BigInteger(1, z)).isEqualTo(new BigInteger(1, bob.publicValue()).modPow(new BigInteger(1, a), p));
        // Leading zeros are kept (§4.4.1.1, §4.4.1.4).
        assertThat(ZrtpKeyAgreement.fixed(BigInteger.valueOf(0x1234), 4)).isEqualTo(new byte[] {0, 0, 0x12, 0x34});
        assertThat(ZrtpKeyAgreement.fixed(BigInteger.valueOf(0xFF), 1)).isEqualTo(new byte[] {(byte) 0xFF});
    }

    @Test
    void nonDhTypesAreRefused() {
        assertThat(ZrtpKeyAgreement.isSupported(KeyAgreementType.MULT)).isFalse();
        assertThat(ZrtpKeyAgreement.isSupported(KeyAgreementType.E255)).isTrue();
        assertThatThrownBy(() -> ZrtpKeyAgreement.of(KeyAgreementType.PRSH, CipherAlgorithm.AES1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ZrtpKeyAgreement.of(KeyAgreementType.DH2K, CipherAlgorithm.AES1).generate(RANDOM).toString())
                .isEqualTo("LocalKey[DH2k]");
    }
}
