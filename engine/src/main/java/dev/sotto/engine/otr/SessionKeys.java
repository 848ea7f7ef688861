package dev.sotto.engine.otr;

import dev.sotto.codecs.otr.OtrWriter;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Data Message keys for one (our key, their key) pair (OTR v3 "Computing AES keys, MAC keys, and the
 * secure session id"): h1(b) = SHA1(b || secbytes); the "high" end (numerically greater public key) sends
 * with byte 0x01 and receives with 0x02; MAC key = SHA1(AES key). The extra symmetric key is h2(0xFF).
 */
record SessionKeys(byte[] sendAes, byte[] sendMac, byte[] recvAes, byte[] recvMac, byte[] extraSymmetricKey) {

    static SessionKeys derive(DhKeyPair ours, BigInteger theirPublic) {
        byte[] secbytes = OtrWriter.mpiBytes(ours.agree(theirPublic));
        boolean high = ours.publicKey().compareTo(theirPublic) > 0;
        int sendByte = high ? 0x01 : 0x02;
        int recvByte = high ? 0x02 : 0x01;
        byte[] sendAes = Arrays.copyOf(OtrPrimitives.sha1(new byte[] {(byte) sendByte}, secbytes), 16);
        byte[] recvAes = Arrays.copyOf(OtrPrimitives.sha1(new byte[] {(byte) recvByte}, secbytes), 16);
        return new SessionKeys(sendAes, OtrPrimitives.sha1(sendAes), recvAes, OtrPrimitives.sha1(recvAes),
                AkeKeys.h2(0xFF, secbytes));
    }

    @Override
    public String toString() {
        return "SessionKeys";
    }
}
