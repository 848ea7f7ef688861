package dev.sotto.engine.xmpp.sasl;

import dev.sotto.engine.crypto.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client side of one SCRAM exchange (RFC 5802 §3, §5, §7; RFC 7677), without channel binding: a small
 * sans-I/O object fed with the server's messages. The client nonce is given (from the injected
 * {@code SecureRandom}) so the RFC exchanges can be replayed exactly.
 *
 * <p>GS2 flag (DESIGN.md, "SCRAM -PLUS"; RFC 5802 §6): {@code y} when this client could bind but the server
 * offered no -PLUS mechanism, else {@code n}. JSSE offers no channel binding data, so the engine passes
 * {@code clientSupportsBinding = false} today.
 */
public final class ScramClient {

    private enum Stage { AWAIT_SERVER_FIRST, AWAIT_SERVER_FINAL, DONE }

    private final ScramAlgorithm algorithm;
    private final ScramLimits limits;
    private final Secret password;
    private final String clientNonce;
    private final String gs2Header;
    private final String clientFirstBare;
    private Stage stage = Stage.AWAIT_SERVER_FIRST;
    private byte[] expectedServerSignature;

    /**
     * @param username the authentication identity (the JID's localpart for XMPP)
     * @param clientNonce printable ASCII without ',' (RFC 5802 §7 "c-nonce")
     * @param clientSupportsBinding whether this client could do channel binding
     * @param serverOffersPlus whether the server offered a -PLUS mechanism
     */
    public ScramClient(ScramAlgorithm algorithm, String username, Secret password, String clientNonce,
            boolean clientSupportsBinding, boolean serverOffersPlus, ScramLimits limits) {
        this.algorithm = algorithm;
        this.limits = limits;
        this.password = password;
        this.clientNonce = clientNonce;
        for (int i = 0; i < clientNonce.length(); i++) {
            char c = clientNonce.charAt(i);
            if (c < 0x21 || c > 0x7E || c == ',') {
                throw new IllegalArgumentException("client nonce must be printable ASCII without ','");
            }
        }
        String prepared = SaslPrep.prepare(username);
        if (prepared == null || prepared.isEmpty()) {
            throw new IllegalArgumentException("user name has characters SASLprep prohibits");
        }
        // RFC 5802 §5.1 'n': ',' and '=' are escaped as =2C and =3D.
        String saslname = prepared.replace("=", "=3D").replace(",", "=2C");
        // RFC 5802 §7 gs2-header = gs2-cbind-flag "," [ authzid ] ","
        this.gs2Header = (clientSupportsBinding && !serverOffersPlus ? "y" : "n") + ",,";
        this.clientFirstBare = "n=" + saslname + ",r=" + clientNonce;
    }

    public ScramAlgorithm algorithm() {
        return algorithm;
    }

    /** The client-first-message: gs2-header followed by client-first-message-bare (RFC 5802 §7). */
    public String clientFirstMessage() {
        return gs2Header + clientFirstBare;
    }

    /** Handles server-first-message and returns client-final-message, or why the exchange failed. */
    public ScramStep handleServerFirst(String serverFirst) {
        if (stage != Stage.AWAIT_SERVER_FIRST) {
            return fail("unexpected-server-first");
        }
        if (serverFirst.length() > limits.maxMessageChars()) {
            return fail("server-message-too-long");
        }
        // RFC 5802 §7: server-first-message = [reserved-mext ","] nonce "," salt "," iteration-count ["," extensions]
        String[] parts = serverFirst.split(",", -1);
        if (parts.length < 3) {
            return fail("malformed-server-first");
        }
        if (parts[0].startsWith("m=")) {
            return fail("unsupported-mandatory-extension"); // RFC 5802 §5.1 'm'
        }
        if (!parts[0].startsWith("r=") || !parts[1].startsWith("s=") || !parts[2].startsWith("i=")) {
            return fail("malformed-server-first");
        }
        String nonce = parts[0].substring(2);
        // RFC 5802 §5.1 'r': the server's nonce starts with ours and adds its own part.
        if (!nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length() || !printable(nonce)) {
            return fail("nonce-mismatch");
        }
        byte[] salt;
        try {
            salt = Base64.getDecoder().decode(parts[1].substring(2));
        } catch (IllegalArgumentException e) {
            return fail("malformed-salt");
        }
        if (salt.length == 0) {
            return fail("malformed-salt");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[2].substring(2));
        } catch (NumberFormatException e) {
            return fail("malformed-iteration-count");
        }
        if (iterations < limits.minIterations() || iterations > limits.maxIterations()
                || !parts[2].substring(2).matches("[1-9][0-9]*")) {
            return fail("iteration-count-out-of-bounds");
        }
        String preparedPassword;
        byte[] pw = password.bytes(); // the UTF-8 of the password as typed
        try {
            preparedPassword = SaslPrep.prepare(new String(pw, StandardCharsets.UTF_8));
        } finally {
            Arrays.fill(pw, (byte) 0);
        }
        if (preparedPassword == null) {
            return fail("password-prohibited-by-saslprep");
        }
        // RFC 5802 §7: channel-binding "c=" base64(gs2-header), no cbind-data without -PLUS.
        String withoutProof = "c=" + Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.US_ASCII))
                + ",r=" + nonce;
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] salted = null;
        byte[] clientKey = null;
        byte[] storedKey = null;
        byte[] clientSignature = null;
        byte[] serverKey = null;
        try {
            byte[] pwBytes = preparedPassword.getBytes(StandardCharsets.UTF_8);
            salted = hi(pwBytes, salt, iterations);
            Arrays.fill(pwBytes, (byte) 0);
            // RFC 5802 §3
            clientKey = hmac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII));
            storedKey = MessageDigest.getInstance(algorithm.digest()).digest(clientKey);
            byte[] auth = authMessage.getBytes(StandardCharsets.UTF_8);
            clientSignature = hmac(storedKey, auth);
            byte[] proof = new byte[clientKey.length];
            for (int i = 0; i < proof.length; i++) {
                proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
            }
            serverKey = hmac(salted, "Server Key".getBytes(StandardCharsets.US_ASCII));
            expectedServerSignature = hmac(serverKey, auth);
            stage = Stage.AWAIT_SERVER_FINAL;
            return new ScramStep.Respond(withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof));
        } catch (GeneralSecurityException e) {
            return fail("crypto-unavailable");
        } finally {
            wipe(salted);
            wipe(clientKey);
            wipe(storedKey);
            wipe(clientSignature);
            wipe(serverKey);
        }
    }

    /** Handles server-final-message: verified only when its ServerSignature matches (RFC 5802 §3). */
    public ScramStep handleServerFinal(String serverFinal) {
        if (stage != Stage.AWAIT_SERVER_FINAL) {
            return fail("unexpected-server-final");
        }
        stage = Stage.DONE;
        if (serverFinal.length() > limits.maxMessageChars()) {
            return fail("server-message-too-long");
        }
        // RFC 5802 §7: server-final-message = (server-error / verifier) ["," extensions]
        if (serverFinal.startsWith("e=")) {
            int comma = serverFinal.indexOf(',');
            String value = comma < 0 ? serverFinal.substring(2) : serverFinal.substring(2, comma);
            return fail("server-error:" + (value.matches("[a-z-]{1,64}") ? value : "other-error"));
        }
        if (!serverFinal.startsWith("v=")) {
            return fail("malformed-server-final");
        }
        int comma = serverFinal.indexOf(',');
        String verifier = comma < 0 ? serverFinal.substring(2) : serverFinal.substring(2, comma);
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(verifier);
        } catch (IllegalArgumentException e) {
            return fail("malformed-server-final");
        }
        boolean ok = MessageDigest.isEqual(signature, expectedServerSignature);
        wipe(expectedServerSignature);
        return ok ? new ScramStep.Verified() : new ScramStep.Failed("server-signature-mismatch");
    }

    private ScramStep fail(String reason) {
        stage = Stage.DONE;
        wipe(expectedServerSignature);
        return new ScramStep.Failed(reason);
    }

    /** RFC 5802 §2.2 Hi(str, salt, i): PBKDF2 with HMAC as PRF and dkLen = output size of H. */
    private byte[] hi(byte[] str, byte[] salt, int iterations) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(algorithm.hmac());
        mac.init(new SecretKeySpec(str, algorithm.hmac()));
        mac.update(salt);
        mac.update(new byte[] {0, 0, 0, 1}); // INT(1)
        byte[] u = mac.doFinal();
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = mac.doFinal(u);
            for (int j = 0; j < result.length; j++) {
                result[j] ^= u[j];
            }
        }
        wipe(u);
        return result;
    }

    private byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(algorithm.hmac());
        mac.init(new SecretKeySpec(key, algorithm.hmac()));
        return mac.doFinal(data);
    }

    private static boolean printable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7E || c == ',') {
                return false;
            }
        }
        return true;
    }

    private static void wipe(byte[] b) {
        if (b != null) {
            Arrays.fill(b, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "ScramClient[" + algorithm.mechanism() + ", " + stage + "]";
    }
}
