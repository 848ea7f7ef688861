package dev.sotto.engine.otr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Data Message key derivation against libotr5-bin's otr_sesskeys and otr_mackey (see the vector file). */
class SessionKeysTest {

    private static List<Map<String, String>> vectors() throws IOException {
        List<Map<String, String>> out = new ArrayList<>();
        try (InputStream in = SessionKeysTest.class.getResourceAsStream("otr_sesskeys-vectors.txt")) {
            Map<String, String> cur = new HashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    if (!cur.isEmpty()) {
                        out.add(cur);
                    }
                    cur = new HashMap<>();
                } else if (!line.startsWith("#")) {
                    String[] kv = line.split("=", 2);
                    cur.put(kv[0], kv[1]);
                }
            }
            if (!cur.isEmpty()) {
                out.add(cur);
            }
        }
        return out;
    }

    @Test
    void sendingAndReceivingKeysMatchOtrSesskeysAndMacKeyMatchesOtrMackey() throws IOException {
        List<Map<String, String>> vs = vectors();
        assertThat(vs).hasSize(4);
        HexFormat hex = HexFormat.of();
        for (Map<String, String> v : vs) {
            DhKeyPair ours = DhKeyPair.ofPrivate(new BigInteger(v.get("our_privkey"), 16));
            BigInteger theirs = new BigInteger(v.get("their_pubkey"), 16);
            assertThat(ours.publicKey().toString(16)).isEqualTo(v.get("our_pubkey"));
            assertThat(ours.publicKey().compareTo(theirs) > 0).isEqualTo(Boolean.parseBoolean(v.get("high_end")));
            SessionKeys k = SessionKeys.derive(ours, theirs);
            assertThat(hex.formatHex(k.sendAes())).isEqualTo(v.get("send_aes"));
            assertThat(hex.formatHex(k.sendMac())).isEqualTo(v.get("send_mac"));
            assertThat(hex.formatHex(k.recvAes())).isEqualTo(v.get("recv_aes"));
            assertThat(hex.formatHex(k.recvMac())).isEqualTo(v.get("recv_mac"));
            assertThat(hex.formatHex(OtrPrimitives.sha1(hex.parseHex(v.get("send_aes")))))
                    .isEqualTo(v.get("mackey_of_send_aes"));
        }
    }

    @Test
    void bothEndsDeriveMirroredKeys() {
        DhKeyPair a = DhKeyPair.generate(OtrFixtures.random(1));
        DhKeyPair b = DhKeyPair.generate(OtrFixtures.random(2));
        SessionKeys ka = SessionKeys.derive(a, b.publicKey());
        SessionKeys kb = SessionKeys.derive(b, a.publicKey());
        assertThat(ka.sendAes()).isEqualTo(kb.recvAes());
        assertThat(ka.recvMac()).isEqualTo(kb.sendMac());
        assertThat(ka.extraSymmetricKey()).isEqualTo(kb.extraSymmetricKey()).hasSize(32);
    }

    @Test
    void fingerprintIsSha1OfKeyWithoutTypeAndPrintsFiveGroupsOfEight() {
        OtrLongTermKey key = OtrFixtures.key(2);
        Fingerprint fp = key.fingerprint();
        assertThat(fp.display()).matches("([0-9A-F]{8} ){4}[0-9A-F]{8}");
        // libotr computed this fingerprint for fixture key 2 (otrpeer prints otrl_privkey_fingerprint at start).
        assertThat(fp.display()).isEqualTo("DB560F22 6C94C3C3 F5498569 32D84DDC FCAB6FCE");
        assertThat(Fingerprint.parse("db560f226c94c3c3f549856932d84ddcfcab6fce")).isEqualTo(fp);
        assertThat(Fingerprint.parse("DB:56:0F")).isNull();
    }

    @Test
    void dsaSignatureOverMModQVerifiesAndTamperingFails() {
        OtrLongTermKey key = OtrFixtures.key(0);
        byte[] m = OtrPrimitives.sha256("message".getBytes(StandardCharsets.UTF_8));
        byte[] sig = key.sign(m, OtrFixtures.random(3));
        assertThat(sig).hasSize(40);
        assertThat(OtrLongTermKey.verify(key.publicKey(), m, sig)).isTrue();
        m[0] ^= 1;
        assertThat(OtrLongTermKey.verify(key.publicKey(), m, sig)).isFalse();
        assertThat(OtrLongTermKey.verify(key.publicKey(), m, new byte[40])).isFalse();
        assertThat(OtrLongTermKey.verify(key.publicKey(), m, new byte[3])).isFalse();
        assertThat(OtrLongTermKey.verify(OtrFixtures.key(1).publicKey(), m, sig)).isFalse();
    }

    @Test
    void fixtureKeysArePinnedDsa1024Over160() {
        for (int i = 0; i < 3; i++) {
            OtrLongTermKey k = OtrFixtures.key(i);
            assertThat(k.publicKey().p().bitLength()).isEqualTo(1024);
            assertThat(k.publicKey().q().bitLength()).isEqualTo(160);
            assertThat(k.toString()).doesNotContain(new BigInteger(1, k.privateKey().bytes()).toString(16));
        }
    }
}
