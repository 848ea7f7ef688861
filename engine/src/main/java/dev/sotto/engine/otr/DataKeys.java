package dev.sotto.engine.otr;

import dev.sotto.codecs.otr.DataMessage;
import dev.sotto.codecs.otr.OtrMessageCodec;
import dev.sotto.codecs.otr.OtrWriter;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

/**
 * The key state of an encrypted conversation (OTR v3 "Key Management"): our two most recent D-H key pairs,
 * their two most recent public keys, counters, and the receiving MAC keys to reveal. Immutable: a received
 * message yields a new instance only after its MAC verified (commit after authentication).
 */
final class DataKeys {

    private final int ourKeyId;
    private final DhKeyPair ourCurrent;
    private final DhKeyPair ourPrevious;
    private final int theirKeyId;
    private final BigInteger theirCurrent;
    private final BigInteger theirPrevious;
    private final long sendCounter;
    private final Map<Long, Long> receiveCounters;
    private final Map<Long, byte[]> usedReceiveMacKeys;
    private final byte[] macKeysToReveal;
    private final Map<Long, SessionKeys> cache;

    private DataKeys(int ourKeyId, DhKeyPair ourCurrent, DhKeyPair ourPrevious, int theirKeyId,
            BigInteger theirCurrent, BigInteger theirPrevious, long sendCounter, Map<Long, Long> receiveCounters,
            Map<Long, byte[]> usedReceiveMacKeys, byte[] macKeysToReveal, Map<Long, SessionKeys> cache) {
        this.ourKeyId = ourKeyId;
        this.ourCurrent = ourCurrent;
        this.ourPrevious = ourPrevious;
        this.theirKeyId = theirKeyId;
        this.theirCurrent = theirCurrent;
        this.theirPrevious = theirPrevious;
        this.sendCounter = sendCounter;
        this.receiveCounters = receiveCounters;
        this.usedReceiveMacKeys = usedReceiveMacKeys;
        this.macKeysToReveal = macKeysToReveal;
        this.cache = cache;
    }

    /**
     * "Upon completing the AKE": our AKE key becomes our_dh[1] and a fresh our_dh[2] is generated (our_keyid =
     * 2); their AKE key becomes their_y[their_keyid] and their_y[their_keyid-1] is NULL.
     */
    static DataKeys afterAke(AkeResult ake, SecureRandom random) {
        return new DataKeys(Ake.AKE_KEY_ID + 1, DhKeyPair.generate(random), ake.ourKey(), ake.theirKeyId(),
                ake.theirKey(), null, 0, Map.of(), Map.of(), new byte[0], Map.of());
    }

    /** An encrypted Data Message and the keys after sending it. */
    record Sent(DataKeys next, DataMessage message, SessionKeys keys) {}

    /** A verified and decrypted Data Message, or why it was rejected. */
    record Received(DataKeys next, byte[] plaintext, SessionKeys keys, String rejectedBecause) {}

    /**
     * "When you send a Data Message": sender keyid = our_keyid-1, recipient keyid = their_keyid, DH y =
     * our_dh[our_keyid].
     */
    Sent encrypt(byte[] plaintext, int version, int ourInstance, int theirInstance, int flags) {
        int senderKeyId = ourKeyId - 1;
        SessionKeys keys = keys(senderKeyId, ourPrevious, theirKeyId, theirCurrent);
        long ctr = sendCounter + 1; // never all zero, and monotonic for every key pair
        byte[] top = ByteBuffer.allocate(8).putLong(ctr).array();
        byte[] encrypted = keys.encrypt(counterBlock(top), plaintext);
        DataMessage unsigned = new DataMessage(version, version == 3 ? ourInstance : 0,
                version == 3 ? theirInstance : 0, flags, senderKeyId, theirKeyId, ourCurrent.publicKey(), top,
                encrypted, new byte[20], macKeysToReveal);
        byte[] mac = keys.macForSending(OtrMessageCodec.authenticatedPart(unsigned));
        DataMessage signed = new DataMessage(unsigned.version(), unsigned.senderInstance(),
                unsigned.receiverInstance(), flags, senderKeyId, theirKeyId, unsigned.nextDh(), top, encrypted, mac,
                macKeysToReveal);
        DataKeys next = new DataKeys(ourKeyId, ourCurrent, ourPrevious, theirKeyId, theirCurrent, theirPrevious, ctr,
                receiveCounters, usedReceiveMacKeys, new byte[0], withCache(senderKeyId, theirKeyId, keys));
        return new Sent(next, signed, keys);
    }

    /** "When you receive a Data Message" (OTR v3 "Key Management"). */
    Received decrypt(DataMessage m, SecureRandom random) {
        DhKeyPair ours;
        if (m.recipientKeyId() == ourKeyId) {
            ours = ourCurrent;
        } else if (m.recipientKeyId() == ourKeyId - 1 && ourPrevious != null) {
            ours = ourPrevious;
        } else {
            return rejected("unknown recipient keyid");
        }
        BigInteger theirs;
        if (m.senderKeyId() == theirKeyId) {
            theirs = theirCurrent;
        } else if (m.senderKeyId() == theirKeyId - 1 && theirPrevious != null) {
            theirs = theirPrevious;
        } else {
            return rejected("unknown sender keyid");
        }
        SessionKeys keys = keys(m.recipientKeyId(), ours, m.senderKeyId(), theirs);
        byte[] expected = keys.macForReceiving(OtrMessageCodec.authenticatedPart(m));
        if (!MessageDigest.isEqual(expected, m.mac())) {
            return rejected("bad MAC");
        }
        long pair = pair(m.recipientKeyId(), m.senderKeyId());
        long ctr = ByteBuffer.wrap(m.topHalfCounter()).getLong();
        Long last = receiveCounters.get(pair);
        // "Check that the counter ... is strictly larger than the last counter you saw using this pair of keys."
        if (ctr == 0 || (last != null && Long.compareUnsigned(ctr, last) <= 0)) {
            return rejected("counter not increasing");
        }
        if (m.senderKeyId() == theirKeyId && !OtrGroup.isLegal(m.nextDh())) {
            return rejected("illegal next D-H key");
        }
        byte[] plaintext = keys.decrypt(counterBlock(m.topHalfCounter()), m.encryptedMessage());

        Map<Long, Long> counters = new HashMap<>(receiveCounters);
        counters.put(pair, ctr);
        Map<Long, byte[]> usedMacs = new HashMap<>(usedReceiveMacKeys);
        usedMacs.put(pair, keys.recvMac());
        Map<Long, SessionKeys> newCache = new HashMap<>(cache);
        newCache.put(pair, keys);
        ByteArrayOutputStream reveal = new ByteArrayOutputStream();
        reveal.writeBytes(macKeysToReveal);

        int nOurId = ourKeyId;
        DhKeyPair nOurCurrent = ourCurrent;
        DhKeyPair nOurPrevious = ourPrevious;
        if (m.recipientKeyId() == ourKeyId) {
            // "he's seen the public part of our most recent DH key pair": forget our_dh[our_keyid-1], rotate.
            forget(ourKeyId - 1, true, usedMacs, counters, newCache, reveal);
            nOurPrevious = ourCurrent;
            nOurCurrent = DhKeyPair.generate(random);
            nOurId = ourKeyId + 1;
        }
        int nTheirId = theirKeyId;
        BigInteger nTheirCurrent = theirCurrent;
        BigInteger nTheirPrevious = theirPrevious;
        if (m.senderKeyId() == theirKeyId) {
            forget(theirKeyId - 1, false, usedMacs, counters, newCache, reveal);
            nTheirPrevious = theirCurrent;
            nTheirCurrent = m.nextDh();
            nTheirId = theirKeyId + 1;
        }
        DataKeys next = new DataKeys(nOurId, nOurCurrent, nOurPrevious, nTheirId, nTheirCurrent, nTheirPrevious,
                sendCounter, Map.copyOf(counters), Map.copyOf(usedMacs), reveal.toByteArray(), Map.copyOf(newCache));
        return new Received(next, plaintext, keys, null);
    }

    /**
     * OTR v3 "Revealing MAC keys": when a key is forgotten, the receiving MAC keys it was used with (and that
     * verified a message) go into the next Data Message.
     */
    private static void forget(int keyId, boolean ours, Map<Long, byte[]> usedMacs, Map<Long, Long> counters,
            Map<Long, SessionKeys> cache, ByteArrayOutputStream reveal) {
        for (Long pair : java.util.List.copyOf(usedMacs.keySet())) {
            if ((ours ? ourOf(pair) : theirOf(pair)) == keyId) {
                reveal.writeBytes(usedMacs.remove(pair));
            }
        }
        counters.keySet().removeIf(p -> (ours ? ourOf(p) : theirOf(p)) == keyId);
        cache.keySet().removeIf(p -> (ours ? ourOf(p) : theirOf(p)) == keyId);
    }

    /** The extra symmetric key of the keys the next sent message uses (OTR v3 "Extra symmetric key"). */
    byte[] currentExtraSymmetricKey() {
        return keys(ourKeyId - 1, ourPrevious, theirKeyId, theirCurrent).extraSymmetricKey();
    }

    private SessionKeys keys(int ourId, DhKeyPair ours, int theirId, BigInteger theirs) {
        SessionKeys k = cache.get(pair(ourId, theirId));
        return k != null ? k : SessionKeys.derive(ours, theirs);
    }

    private Map<Long, SessionKeys> withCache(int ourId, int theirId, SessionKeys keys) {
        long p = pair(ourId, theirId);
        if (cache.containsKey(p)) {
            return cache;
        }
        Map<Long, SessionKeys> m = new HashMap<>(cache);
        m.put(p, keys);
        return Map.copyOf(m);
    }

    private Received rejected(String why) {
        return new Received(this, null, null, why);
    }

    private static long pair(int ourId, int theirId) {
        return ((long) ourId << 32) | (theirId & 0xffffffffL);
    }

    private static int ourOf(long pair) {
        return (int) (pair >>> 32);
    }

    private static int theirOf(long pair) {
        return (int) pair;
    }

    /** The 16-byte initial counter: top half from the message, "last 8 bytes are all 0x00". */
    private static byte[] counterBlock(byte[] top) {
        byte[] ctr = new byte[16];
        System.arraycopy(top, 0, ctr, 0, 8);
        return ctr;
    }

    int ourKeyId() {
        return ourKeyId;
    }

    int theirKeyId() {
        return theirKeyId;
    }

    @Override
    public String toString() {
        return "DataKeys[our=" + ourKeyId + ", their=" + theirKeyId + "]";
    }

    static byte[] mpi(BigInteger v) {
        return OtrWriter.mpiBytes(v);
    }
}
