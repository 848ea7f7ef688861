package dev.sotto.engine.xmpp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server side of SCRAM-SHA-1 for tests, built on the JDK's own PBKDF2 (a reference implementation of
 * RFC 5802 §2.2 Hi), so the client is checked against something other than itself.
 */
final class ScramServer {
    private final String password;
    private final byte[] salt = "sotto-test-salt!".getBytes(StandardCharsets.US_ASCII);
    private final int iterations = 4096;
    private String clientFirstBare;
    private String serverFirst;
    String clientFinal;

    ScramServer(String password) {
        this.password = password;
    }

    String serverFirst(String clientFirst) {
        clientFirstBare = clientFirst.substring(clientFirst.indexOf(",,") + 2);
        String clientNonce = clientFirstBare.substring(clientFirstBare.indexOf(",r=") + 3);
        serverFirst = "r=" + clientNonce + "srvNonce42,s=" + Base64.getEncoder().encodeToString(salt) + ",i=" + iterations;
        return serverFirst;
    }

    /** The server-final-message, or {@code null} when the client's proof is wrong. */
    String serverFinal(String clientFinalMessage) throws Exception {
        this.clientFinal = clientFinalMessage;
        String withoutProof = clientFinalMessage.substring(0, clientFinalMessage.lastIndexOf(",p="));
        byte[] proof = Base64.getDecoder().decode(clientFinalMessage.substring(clientFinalMessage.lastIndexOf(",p=") + 3));
        byte[] auth = (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
        byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA1")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 160)).getEncoded();
        byte[] clientKey = hmac(salted, "Client Key");
        byte[] storedKey = MessageDigest.getInstance("SHA-1").digest(clientKey);
        byte[] signature = hmac(storedKey, auth);
        byte[] expectedProof = new byte[clientKey.length];
        for (int i = 0; i < expectedProof.length; i++) {
            expectedProof[i] = (byte) (clientKey[i] ^ signature[i]);
        }
        if (!MessageDigest.isEqual(proof, expectedProof)) {
            return null;
        }
        return "v=" + Base64.getEncoder().encodeToString(hmac(hmac(salted, "Server Key"), auth));
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        return hmac(key, data.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(key, "HmacSHA1"));
        return mac.doFinal(data);
    }
}
