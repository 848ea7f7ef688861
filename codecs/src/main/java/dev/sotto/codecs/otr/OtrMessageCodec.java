package dev.sotto.codecs.otr;

import dev.sotto.codecs.DecodeResult;

/**
 * The binary form of encoded OTR messages (OTR v3 "Encoded messages"), versions 2 and 3. Version 2
 * messages are the same without the two instance tags.
 */
public final class OtrMessageCodec {

    /** OTR v3 "Instance Tags": the smallest valid instance tag. */
    public static final int MIN_INSTANCE_TAG = 0x100;

    private OtrMessageCodec() {}

    /** Decodes one binary message; the whole input must be used. Never throws. */
    public static DecodeResult<EncodedMessage> decode(byte[] in, OtrLimits limits) {
        OtrReader r = new OtrReader(in, limits);
        int version = r.u16();
        int type = r.u8();
        if (r.failure() != null) {
            return DecodeResult.malformed(r.failure(), r.failureOffset());
        }
        if (version != 2 && version != 3) {
            return DecodeResult.malformed("unsupported protocol version", 0);
        }
        int sender = 0;
        int receiver = 0;
        if (version == 3) {
            sender = r.u32();
            receiver = r.u32();
        }
        EncodedMessage m;
        switch (type) {
            case EncodedMessage.TYPE_DH_COMMIT -> m = new DhCommitMessage(version, sender, receiver, r.data(),
                    r.data());
            case EncodedMessage.TYPE_DH_KEY -> m = new DhKeyMessage(version, sender, receiver, r.mpi());
            case EncodedMessage.TYPE_REVEAL_SIGNATURE -> m = new RevealSignatureMessage(version, sender, receiver,
                    r.data(), r.data(), r.fixed(20));
            case EncodedMessage.TYPE_SIGNATURE -> m = new SignatureMessage(version, sender, receiver, r.data(),
                    r.fixed(20));
            case EncodedMessage.TYPE_DATA -> {
                int flags = r.u8();
                int senderKeyId = r.u32();
                int recipientKeyId = r.u32();
                m = new DataMessage(version, sender, receiver, flags, senderKeyId, recipientKeyId, r.mpi(),
                        r.fixed(8), r.data(), r.fixed(20), r.data());
            }
            default -> {
                return DecodeResult.malformed("unknown message type", 2);
            }
        }
        if (r.failure() == null && r.remaining() != 0) {
            r.fail("trailing bytes");
        }
        if (r.failure() != null) {
            return DecodeResult.malformed(r.failure(), r.failureOffset());
        }
        return DecodeResult.ok(m, in.length);
    }

    /** The binary form of {@code m}. */
    public static byte[] encode(EncodedMessage m) {
        OtrWriter w = header(m);
        if (m instanceof DhCommitMessage c) {
            w.data(c.encryptedGx()).data(c.hashedGx());
        } else if (m instanceof DhKeyMessage k) {
            w.mpi(k.gy());
        } else if (m instanceof RevealSignatureMessage s) {
            w.data(s.revealedKey()).data(s.encryptedSignature()).fixed(s.mac());
        } else if (m instanceof SignatureMessage s) {
            w.data(s.encryptedSignature()).fixed(s.mac());
        } else if (m instanceof DataMessage d) {
            dataBody(w, d);
            w.fixed(d.mac()).data(d.oldMacKeys());
        }
        return w.toByteArray();
    }

    /** The bytes the Authenticator of a Data Message covers (OTR v3 "Data Message", Authenticator). */
    public static byte[] authenticatedPart(DataMessage d) {
        return dataBody(header(d), d).toByteArray();
    }

    private static OtrWriter dataBody(OtrWriter w, DataMessage d) {
        return w.u8(d.flags()).u32(d.senderKeyId()).u32(d.recipientKeyId()).mpi(d.nextDh())
                .fixed(d.topHalfCounter()).data(d.encryptedMessage());
    }

    private static OtrWriter header(EncodedMessage m) {
        OtrWriter w = new OtrWriter().u16(m.version()).u8(m.messageType());
        if (m.version() == 3) {
            w.u32(m.senderInstance()).u32(m.receiverInstance());
        }
        return w;
    }
}
