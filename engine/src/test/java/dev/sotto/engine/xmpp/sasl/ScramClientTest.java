package dev.sotto.engine.xmpp.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sotto.engine.crypto.Secret;
import org.junit.jupiter.api.Test;

/** The SCRAM exchanges printed in RFC 5802 §5 and RFC 7677 §3, and the ways a server can get them wrong. */
class ScramClientTest {

    private static ScramClient client(ScramAlgorithm algorithm, String nonce) {
        return new ScramClient(algorithm, "user", Secret.ofUtf8("pencil"), nonce, false, false, ScramLimits.DEFAULTS);
    }

    @Test
    void rfc5802Section5ScramSha1Exchange() {
        ScramClient c = client(ScramAlgorithm.SHA_1, "fyko+d2lbbFgONRv9qkxdawL");

        assertThat(c.clientFirstMessage()).isEqualTo("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL");
        ScramStep response = c.handleServerFirst("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096");
        assertThat(response).isEqualTo(new ScramStep.Respond(
                "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts="));
        assertThat(c.handleServerFinal("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=")).isEqualTo(new ScramStep.Verified());
    }

    @Test
    void rfc7677Section3ScramSha256Exchange() {
        ScramClient c = client(ScramAlgorithm.SHA_256, "rOprNGfwEbeRWgbNEkqO");

        assertThat(c.clientFirstMessage()).isEqualTo("n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
        ScramStep response = c.handleServerFirst(
                "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");
        assertThat(response).isEqualTo(new ScramStep.Respond("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="));
        assertThat(c.handleServerFinal("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")).isEqualTo(new ScramStep.Verified());
    }

    @Test
    void wrongServerSignatureFailsTheLogin() {
        ScramClient c = client(ScramAlgorithm.SHA_1, "fyko+d2lbbFgONRv9qkxdawL");
        c.handleServerFirst("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096");

        // The RFC's signature with its last base64 digit changed.
        assertThat(c.handleServerFinal("v=rmF9pqV8S7suAoZWja4dJRkFsKA="))
                .isEqualTo(new ScramStep.Failed("server-signature-mismatch"));
    }

    @Test
    void gs2FlagIsYOnlyWhenTheClientCouldBindButNoPlusWasOffered() {
        // RFC 5802 §6; DESIGN.md "SCRAM -PLUS".
        Secret p = Secret.ofUtf8("pencil");
        assertThat(new ScramClient(ScramAlgorithm.SHA_1, "user", p, "abc", true, false, ScramLimits.DEFAULTS)
                .clientFirstMessage()).isEqualTo("y,,n=user,r=abc");
        assertThat(new ScramClient(ScramAlgorithm.SHA_1, "user", p, "abc", true, true, ScramLimits.DEFAULTS)
                .clientFirstMessage()).isEqualTo("n,,n=user,r=abc");
        assertThat(new ScramClient(ScramAlgorithm.SHA_1, "user", p, "abc", false, true, ScramLimits.DEFAULTS)
                .clientFirstMessage()).isEqualTo("n,,n=user,r=abc");
    }

    @Test
    void yFlagIsCoveredByTheChannelBindingAttribute() {
        // RFC 5802 §7: c= carries base64("y,,") = "eSws".
        ScramClient c = new ScramClient(ScramAlgorithm.SHA_1, "user", Secret.ofUtf8("pencil"), "abc", true, false,
                ScramLimits.DEFAULTS);
        ScramStep step = c.handleServerFirst("r=abcdef,s=QSXCR+Q6sek8bf92,i=4096");
        assertThat(((ScramStep.Respond) step).message()).startsWith("c=eSws,r=abcdef,p=");
    }

    @Test
    void userNameCommaAndEqualsAreEscaped() {
        ScramClient c = new ScramClient(ScramAlgorithm.SHA_1, "a=b,c", Secret.ofUtf8("x"), "n1", false, false,
                ScramLimits.DEFAULTS);
        assertThat(c.clientFirstMessage()).isEqualTo("n,,n=a=3Db=2Cc,r=n1");
    }

    @Test
    void hostileServerFirstMessagesFailWithoutThrowing() {
        String nonce = "fyko+d2lbbFgONRv9qkxdawL";
        String[][] cases = {
            {"r=someoneelse,s=QSXCR+Q6sek8bf92,i=4096", "nonce-mismatch"},
            {"r=" + nonce + ",s=QSXCR+Q6sek8bf92,i=4096", "nonce-mismatch"},
            {"r=" + nonce + "x,s=!!!,i=4096", "malformed-salt"},
            {"r=" + nonce + "x,s=,i=4096", "malformed-salt"},
            {"r=" + nonce + "x,s=QSXCR+Q6sek8bf92,i=12", "iteration-count-out-of-bounds"},
            {"r=" + nonce + "x,s=QSXCR+Q6sek8bf92,i=2147483647", "iteration-count-out-of-bounds"},
            {"r=" + nonce + "x,s=QSXCR+Q6sek8bf92,i=99999999999", "malformed-iteration-count"},
            {"r=" + nonce + "x,s=QSXCR+Q6sek8bf92,i=+4096", "iteration-count-out-of-bounds"},
            {"m=ext,r=" + nonce + "x,s=QSXCR+Q6sek8bf92,i=4096", "unsupported-mandatory-extension"},
            {"s=QSXCR+Q6sek8bf92,r=" + nonce + "x,i=4096", "malformed-server-first"},
            {"r=" + nonce + "x", "malformed-server-first"},
            {"", "malformed-server-first"},
            {"x".repeat(5000), "server-message-too-long"},
        };
        for (String[] c : cases) {
            assertThat(client(ScramAlgorithm.SHA_1, nonce).handleServerFirst(c[0])).as(c[0])
                    .isEqualTo(new ScramStep.Failed(c[1]));
        }
    }

    @Test
    void serverErrorInFinalMessageFails() {
        ScramClient c = client(ScramAlgorithm.SHA_1, "fyko+d2lbbFgONRv9qkxdawL");
        c.handleServerFirst("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096");
        assertThat(c.handleServerFinal("e=invalid-proof")).isEqualTo(new ScramStep.Failed("server-error:invalid-proof"));
    }

    @Test
    void finalBeforeFirstAndRepeatedFinalFail() {
        ScramClient c = client(ScramAlgorithm.SHA_1, "fyko+d2lbbFgONRv9qkxdawL");
        assertThat(c.handleServerFinal("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=")).isInstanceOf(ScramStep.Failed.class);
        ScramClient d = client(ScramAlgorithm.SHA_1, "fyko+d2lbbFgONRv9qkxdawL");
        d.handleServerFirst("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096");
        assertThat(d.handleServerFinal("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=")).isEqualTo(new ScramStep.Verified());
        assertThat(d.handleServerFinal("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=")).isInstanceOf(ScramStep.Failed.class);
    }

    @Test
    void saslPrepMapsSpacesRemovesSoftHyphenAndRefusesControls() {
        // RFC 4013 §3 examples: "I<U+00AD>X" -> "IX", "<U+00AA>" -> "a", "<U+2168>" -> "IX", "<U+0007>" -> error.
        assertThat(SaslPrep.prepare("I\u00ADX")).isEqualTo("IX");
        assertThat(SaslPrep.prepare("user")).isEqualTo("user");
        assertThat(SaslPrep.prepare("USER")).isEqualTo("USER");
        assertThat(SaslPrep.prepare("\u00AA")).isEqualTo("a");
        assertThat(SaslPrep.prepare("\u2168")).isEqualTo("IX");
        assertThat(SaslPrep.prepare("\u0007")).isNull();
        assertThat(SaslPrep.prepare("a\u00A0b")).isEqualTo("a b");
    }

    @Test
    void passwordToStringRevealsNothing() {
        assertThat(Secret.ofUtf8("pencil").toString()).doesNotContain("pencil");
    }
}
