package dev.sotto.engine.otr;

import dev.sotto.codecs.otr.OtrPublicKey;

/**
 * MSGSTATE_ENCRYPTED: the keys of the conversation, the correspondent's long-term key and ssid, the SMP
 * state (which only lives while encrypted) and when we last sent.
 */
public record EncryptedState(int version, int theirInstance, OtrPublicKey theirLongTermKey, Fingerprint theirFingerprint,
        byte[] ssid, boolean weSentRevealSignature, DataKeys keys, SmpState smp, long lastSentNanos)
        implements MessageState {

    EncryptedState withKeys(DataKeys k) {
        return new EncryptedState(version, theirInstance, theirLongTermKey, theirFingerprint, ssid,
                weSentRevealSignature, k, smp, lastSentNanos);
    }

    EncryptedState withSmp(SmpState s) {
        return new EncryptedState(version, theirInstance, theirLongTermKey, theirFingerprint, ssid,
                weSentRevealSignature, keys, s, lastSentNanos);
    }

    EncryptedState withLastSent(long now) {
        return new EncryptedState(version, theirInstance, theirLongTermKey, theirFingerprint, ssid,
                weSentRevealSignature, keys, smp, now);
    }

    /** The ssid as "%08x %08x" (OTR v3 "Computing AES keys, MAC keys, and the secure session id"). */
    public String ssidDisplay() {
        return String.format("%02x%02x%02x%02x %02x%02x%02x%02x", ssid[0], ssid[1], ssid[2], ssid[3], ssid[4],
                ssid[5], ssid[6], ssid[7]);
    }

    @Override
    public String toString() {
        return "EncryptedState[v" + version + ", " + theirFingerprint + ", " + keys + ", smp=" + smp + "]";
    }
}
