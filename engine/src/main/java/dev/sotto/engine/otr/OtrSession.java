package dev.sotto.engine.otr;

import dev.sotto.codecs.DecodeResult;
import dev.sotto.codecs.otr.DataMessage;
import dev.sotto.codecs.otr.DataPlaintext;
import dev.sotto.codecs.otr.DhCommitMessage;
import dev.sotto.codecs.otr.EncodedMessage;
import dev.sotto.codecs.otr.OtrMessageCodec;
import dev.sotto.codecs.otr.OtrText;
import dev.sotto.codecs.otr.OtrTextCodec;
import dev.sotto.codecs.otr.OtrWriter;
import dev.sotto.codecs.otr.Tlv;
import dev.sotto.codecs.otr.TlvCodec;
import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.sansio.Outputs;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * An OTR conversation with one correspondent (OTR v3 "The protocol state machine"), sans-I/O: every method
 * takes the monotonic time and the injected {@link SecureRandom} and returns the next session and its
 * outputs. Immutable; nothing escapes from hostile input: bad messages become notices and, where the spec
 * says so, OTR Error Messages.
 */
public final class OtrSession {

    private final OtrConfig config;
    private final AuthState auth;
    private final MessageState msg;
    private final FragmentBuffer fragments;
    private final boolean plaintextReceived;
    private final List<String> stored;

    private OtrSession(OtrConfig config, AuthState auth, MessageState msg, FragmentBuffer fragments,
            boolean plaintextReceived, List<String> stored) {
        this.config = config;
        this.auth = auth;
        this.msg = msg;
        this.fragments = fragments;
        this.plaintextReceived = plaintextReceived;
        this.stored = List.copyOf(stored);
    }

    public static OtrSession create(OtrConfig config) {
        return new OtrSession(config, AuthNone.INSTANCE, PlaintextState.INSTANCE, FragmentBuffer.EMPTY, false,
                List.of());
    }

    public OtrConfig config() {
        return config;
    }

    public AuthState authState() {
        return auth;
    }

    public MessageState messageState() {
        return msg;
    }

    public OtrSession withPolicy(OtrPolicy policy) {
        return new OtrSession(config.withPolicy(policy), auth, msg, fragments, plaintextReceived, stored);
    }

    /** Whether a partial set of fragments is stored (OTR v3 "Receiving Fragments"). */
    public boolean fragmentPending() {
        return fragments.n() > 0;
    }

    /** This session without its stored fragments: a partial set dropped after the reassembly timeout. */
    public OtrSession withoutFragments() {
        return fragments.n() == 0 ? this : withFragments(FragmentBuffer.EMPTY);
    }

    /** This session with {@code other}'s AKE state (the master's commit answered by a known instance). */
    OtrSession withAuthOf(OtrSession other) {
        return new OtrSession(config, other.auth, msg, fragments, plaintextReceived, stored);
    }

    /** A session for a newly seen instance of the contact: the master's AKE state, nothing else. */
    OtrSession forNewInstance() {
        return new OtrSession(config, auth, PlaintextState.INSTANCE, FragmentBuffer.EMPTY, plaintextReceived,
                List.of());
    }

    private OtrSession with(AuthState a, MessageState m) {
        return new OtrSession(config, a, m, fragments, plaintextReceived, stored);
    }

    private OtrSession withFragments(FragmentBuffer f) {
        return new OtrSession(config, auth, msg, f, plaintextReceived, stored);
    }

    private OtrSession withStored(List<String> s) {
        return new OtrSession(config, auth, msg, fragments, plaintextReceived, s);
    }

    private OtrSession withPlaintextReceived() {
        return new OtrSession(config, auth, msg, fragments, true, stored);
    }

    // ----------------------------------------------------------------- user actions

    /** "User requests to start an OTR conversation": send a Query Message. */
    public OtrStep start(long now) {
        if (!config.policy().enabled()) {
            return new OtrStep(this, Outputs.builder().emit(new OtrNotice.Ignored("OTR disabled by policy")).build());
        }
        return new OtrStep(this, Outputs.builder().send(utf8(OtrTextCodec.query(config.policy().versions()))).build());
    }

    /** "User types a message to be sent". */
    public OtrStep send(String text, long now, SecureRandom random) {
        Outputs.Builder out = Outputs.builder();
        if (msg instanceof EncryptedState e) {
            EncryptedState next = sendData(e, text.getBytes(StandardCharsets.UTF_8), List.of(), 0, now, out);
            return new OtrStep(with(auth, next), out.build());
        }
        if (msg instanceof FinishedState) {
            out.emit(new OtrNotice.SendHeld("the correspondent ended the private conversation"));
            return new OtrStep(withStored(append(stored, text)), out.build());
        }
        if (config.policy().requireEncryption()) {
            // "Store the plaintext message for possible retransmission, and send a Query Message."
            out.emit(new OtrNotice.SendHeld("waiting for a private conversation"));
            out.send(utf8(OtrTextCodec.query(config.policy().versions())));
            return new OtrStep(withStored(append(stored, text)), out.build());
        }
        String body = text;
        if (config.policy().sendWhitespaceTag() && config.policy().enabled() && !plaintextReceived) {
            body = text + OtrTextCodec.whitespaceTag(config.policy().versions());
        }
        out.send(utf8(body));
        return new OtrStep(this, out.build());
    }

    /** "User requests to end an OTR conversation". */
    public OtrStep end(long now, SecureRandom random) {
        Outputs.Builder out = Outputs.builder();
        if (msg instanceof EncryptedState e) {
            sendData(e, new byte[0], List.of(new Tlv(Tlv.DISCONNECTED, new byte[0])),
                    DataMessage.FLAG_IGNORE_UNREADABLE, now, out);
            out.emit(new OtrNotice.WentPlaintext());
            return new OtrStep(with(auth, PlaintextState.INSTANCE), out.build());
        }
        if (msg instanceof FinishedState) {
            out.emit(new OtrNotice.WentPlaintext());
            return new OtrStep(with(auth, PlaintextState.INSTANCE), out.build());
        }
        return new OtrStep(this, Outputs.NONE);
    }

    /** Sends a heartbeat (an empty Data Message with IGNORE_UNREADABLE) now. */
    public OtrStep heartbeat(long now, SecureRandom random) {
        if (!(msg instanceof EncryptedState e)) {
            return new OtrStep(this, Outputs.NONE);
        }
        Outputs.Builder out = Outputs.builder();
        EncryptedState next = sendData(e, new byte[0], List.of(), DataMessage.FLAG_IGNORE_UNREADABLE, now, out);
        return new OtrStep(with(auth, next), out.build());
    }

    /**
     * Begins SMP with our secret and an optional question (type 7 TLV). The secret is consumed: wiped here whether
     * or not SMP could start (DESIGN.md, Decisions: Secrets).
     */
    public OtrStep smpStart(Secret secret, String question, long now, SecureRandom random) {
        try {
            if (!(msg instanceof EncryptedState e)) {
                return notEncrypted();
            }
            Fingerprint ours = config.longTermKey().fingerprint();
            SmpStep s = new Smp(config.limits(), random).start(e.smp(),
                    userSecret(ours, e.theirFingerprint(), e.ssid(), secret), question);
            return smpOutputs(e, s, now);
        } finally {
            secret.wipe();
        }
    }

    /** Answers a received SMP request with our secret; the secret is consumed (wiped) as in {@link #smpStart}. */
    public OtrStep smpAnswer(Secret secret, long now, SecureRandom random) {
        try {
            if (!(msg instanceof EncryptedState e)) {
                return notEncrypted();
            }
            if (!(e.smp() instanceof SmpState.AwaitingSecret a)) {
                return new OtrStep(this,
                        Outputs.builder().emit(new OtrNotice.Ignored("no SMP request to answer")).build());
            }
            Fingerprint ours = config.longTermKey().fingerprint();
            SmpStep s = new Smp(config.limits(), random).answer(a,
                    userSecret(e.theirFingerprint(), ours, e.ssid(), secret));
            return smpOutputs(e, s, now);
        } finally {
            secret.wipe();
        }
    }

    /** OTR v3 "Secret information" from the user's secret; our copy of its bytes is zeroed after hashing. */
    private static java.math.BigInteger userSecret(Fingerprint initiator, Fingerprint responder, byte[] ssid,
            Secret secret) {
        byte[] value = secret.bytes();
        try {
            return Smp.secret(initiator, responder, ssid, value);
        } finally {
            java.util.Arrays.fill(value, (byte) 0);
        }
    }

    /** "User requests to abort SMP". */
    public OtrStep smpAbort(long now, SecureRandom random) {
        if (!(msg instanceof EncryptedState e)) {
            return notEncrypted();
        }
        return smpOutputs(e, new Smp(config.limits(), random).abort(), now);
    }

    /**
     * Sends a type 8 TLV for {@code use} and returns the extra symmetric key of the keys this message uses
     * as an {@link OtrNotice.ExtraSymmetricKey} (OTR v3 "Extra symmetric key"; version 3 only).
     */
    public OtrStep sendExtraSymmetricKey(int use, byte[] useData, long now, SecureRandom random) {
        if (!(msg instanceof EncryptedState e) || e.version() != 3) {
            return notEncrypted();
        }
        Outputs.Builder out = Outputs.builder();
        byte[] key = e.keys().currentExtraSymmetricKey();
        byte[] value = new OtrWriter().u32(use).fixed(useData).toByteArray();
        EncryptedState next = sendData(e, new byte[0], List.of(new Tlv(Tlv.EXTRA_SYMMETRIC_KEY, value)),
                DataMessage.FLAG_IGNORE_UNREADABLE, now, out);
        out.emit(new OtrNotice.ExtraSymmetricKey(use, useData.clone(), Secret.of(key), false));
        return new OtrStep(with(auth, next), out.build());
    }

    private OtrStep notEncrypted() {
        return new OtrStep(this, Outputs.builder().emit(new OtrNotice.Ignored("not in a private conversation")).build());
    }

    private OtrStep smpOutputs(EncryptedState e, SmpStep s, long now) {
        Outputs.Builder out = Outputs.builder();
        EncryptedState next = e.withSmp(s.next());
        if (!s.send().isEmpty()) {
            next = sendData(next, new byte[0], s.send(), DataMessage.FLAG_IGNORE_UNREADABLE, now, out);
        }
        emitSmp(s, next, out);
        return new OtrStep(with(auth, next), out.build());
    }

    private static void emitSmp(SmpStep s, EncryptedState e, Outputs.Builder out) {
        for (OtrNotice n : s.notices()) {
            out.emit(n);
        }
    }

    // ----------------------------------------------------------------- received messages

    /** A received chat message body. Never throws on any input. */
    public OtrStep receive(String text, long now, SecureRandom random) {
        if (!config.policy().enabled()) {
            // "if not, then OTR is completely disabled, and no special handling of messages should be done"
            return new OtrStep(this, Outputs.builder().emit(new OtrNotice.MessageReceived(text, false, false)).build());
        }
        DecodeResult<OtrText> d = OtrTextCodec.decode(text, config.limits());
        if (d instanceof DecodeResult.Malformed<OtrText> bad) {
            return malformed(bad.condition());
        }
        OtrText t = ((DecodeResult.Ok<OtrText>) d).value();
        if (t instanceof OtrText.Fragment f) {
            return fragment(f, now, random);
        }
        // "If you receive a non-OTR message, or an unfragmented message, forget any stored fragment".
        return withFragments(FragmentBuffer.EMPTY).dispatch(t, now, random);
    }

    private OtrStep malformed(String condition) {
        Outputs.Builder out = Outputs.builder().emit(new OtrNotice.UnreadableMessage(condition));
        if (msg instanceof EncryptedState) {
            out.send(utf8(OtrTextCodec.error("You sent a malformed OTR message.")));
        }
        return new OtrStep(withFragments(FragmentBuffer.EMPTY), out.build());
    }

    private OtrStep fragment(OtrText.Fragment f, long now, SecureRandom random) {
        if (f.version() == 3 && f.receiverInstance() != 0 && f.receiverInstance() != config.ourInstance()) {
            return ignored("fragment for another instance");
        }
        if (f.version() == 3 && Integer.compareUnsigned(f.senderInstance(), OtrMessageCodec.MIN_INSTANCE_TAG) < 0) {
            return ignored("fragment with invalid sender instance");
        }
        FragmentBuffer next = fragments.accept(f.k(), f.n(), f.piece(), config.limits().maxMessageChars());
        if (!next.complete()) {
            return new OtrStep(withFragments(next), Outputs.NONE);
        }
        OtrSession cleared = withFragments(FragmentBuffer.EMPTY);
        DecodeResult<OtrText> d = OtrTextCodec.decode(next.f(), config.limits());
        if (d instanceof DecodeResult.Malformed<OtrText> bad) {
            return cleared.malformed(bad.condition());
        }
        OtrText t = ((DecodeResult.Ok<OtrText>) d).value();
        if (t instanceof OtrText.Fragment) {
            return cleared.ignored("a fragment inside a fragment"); // "you can't fragment a fragment"
        }
        return cleared.dispatch(t, now, random);
    }

    private OtrStep ignored(String condition) {
        return new OtrStep(this, Outputs.builder().emit(new OtrNotice.Ignored(condition)).build());
    }

    private OtrStep dispatch(OtrText t, long now, SecureRandom random) {
        if (t instanceof OtrText.Encoded e) {
            return encoded(e.message(), now, random);
        }
        if (t instanceof OtrText.QueryMessage q) {
            return query(q.versions(), 0, random);
        }
        if (t instanceof OtrText.ErrorMessage err) {
            Outputs.Builder out = Outputs.builder().emit(new OtrNotice.ErrorReceived(err.details()));
            if (config.policy().errorStartAke()) {
                out.send(utf8(OtrTextCodec.query(config.policy().versions())));
            }
            return new OtrStep(this, out.build());
        }
        OtrText.Plaintext p = (OtrText.Plaintext) t;
        boolean warn = !(msg instanceof PlaintextState) || config.policy().requireEncryption();
        Outputs.Builder out = Outputs.builder();
        if (!p.text().isEmpty()) {
            out.emit(new OtrNotice.MessageReceived(p.text(), false, warn));
        }
        OtrSession next = withPlaintextReceived();
        if (p.tagged() && config.policy().whitespaceStartAke()) {
            OtrStep ake = next.query(p.taggedVersions(), 0, random);
            return new OtrStep(ake.session(), out.build().plus(ake.outputs()));
        }
        return new OtrStep(next, out.build());
    }

    /** "Receiving a Query Message" (and a whitespace tag with WHITESPACE_START_AKE). */
    private OtrStep query(java.util.Set<Integer> offered, int theirInstance, SecureRandom random) {
        int version;
        if (offered.contains(3) && config.policy().allowV3()) {
            version = 3;
        } else if (offered.contains(2) && config.policy().allowV2()) {
            version = 2;
        } else {
            return new OtrStep(this, Outputs.NONE);
        }
        AkeStep s = ake().start(version, theirInstance, random);
        return akeOutputs(s, 0L);
    }

    private Ake ake() {
        return new Ake(config.ourInstance(), config.longTermKey(), config.limits());
    }

    private OtrStep encoded(EncodedMessage m, long now, SecureRandom random) {
        if (!config.policy().allows(m.version())) {
            return ignored("protocol version not allowed by policy");
        }
        if (m.version() == 3) {
            // OTR v3 "Instance Tags": discard bad sender tags and messages for another instance.
            if (Integer.compareUnsigned(m.senderInstance(), OtrMessageCodec.MIN_INSTANCE_TAG) < 0) {
                return ignored("invalid sender instance tag");
            }
            boolean receiverOk = m.receiverInstance() == config.ourInstance()
                    || (m.receiverInstance() == 0 && m instanceof DhCommitMessage);
            if (!receiverOk) {
                return ignored("message for another instance");
            }
        }
        if (m instanceof DataMessage d) {
            return data(d, now, random);
        }
        return akeOutputs(ake().receive(auth, m, random), now, random);
    }

    private OtrStep akeOutputs(AkeStep s, long now) {
        return akeOutputs(s, now, null);
    }

    private OtrStep akeOutputs(AkeStep s, long now, SecureRandom random) {
        Outputs.Builder out = Outputs.builder();
        for (EncodedMessage m : s.send()) {
            sendEncoded(m, out);
        }
        if (s.ignoredBecause() != null) {
            out.emit(new OtrNotice.Ignored(s.ignoredBecause()));
        }
        if (s.completed() == null) {
            return new OtrStep(with(s.next(), msg), out.build());
        }
        AkeResult r = s.completed();
        EncryptedState e = new EncryptedState(r.version(), r.theirInstance(), r.theirLongTermKey(),
                Fingerprint.of(r.theirLongTermKey()), r.ssid(), r.weSentRevealSignature(),
                DataKeys.afterAke(r, random), SmpState.Expect1.INSTANCE, now);
        out.emit(new OtrNotice.WentPrivate(r.version(), r.theirInstance(), e.theirFingerprint(), e.ssidDisplay(),
                r.weSentRevealSignature()));
        // "If there is a recent stored message, encrypt it and send it as a Data Message."
        for (String held : stored) {
            e = sendData(e, held.getBytes(StandardCharsets.UTF_8), List.of(), 0, now, out);
        }
        return new OtrStep(new OtrSession(config, s.next(), e, fragments, plaintextReceived, List.of()), out.build());
    }

    /** "Receiving a Data Message". */
    private OtrStep data(DataMessage d, long now, SecureRandom random) {
        Outputs.Builder out = Outputs.builder();
        if (!(msg instanceof EncryptedState e) || (e.version() == 3 && d.senderInstance() != e.theirInstance())
                || d.version() != e.version()) {
            return unreadable(d, msg instanceof EncryptedState ? "not for this conversation" : "not encrypted");
        }
        DataKeys.Received r = e.keys().decrypt(d, random);
        if (r.rejectedBecause() != null) {
            return unreadable(d, r.rejectedBecause());
        }
        EncryptedState next = e.withKeys(r.next());
        DecodeResult<DataPlaintext> p = TlvCodec.decode(r.plaintext(), config.limits());
        DataPlaintext plain;
        if (p instanceof DecodeResult.Ok<DataPlaintext> ok) {
            plain = ok.value();
        } else {
            // Unparseable TLVs: show the human-readable part and drop the records.
            plain = ((DecodeResult.Ok<DataPlaintext>) TlvCodec.decode(humanPart(r.plaintext()), config.limits()))
                    .value();
            out.emit(new OtrNotice.Ignored("malformed TLVs"));
        }
        if (!plain.isHeartbeat()) {
            out.emit(new OtrNotice.MessageReceived(new String(plain.message(), StandardCharsets.UTF_8), true, false));
        }
        boolean sent = false;
        for (Tlv t : plain.tlvs()) {
            switch (t.type()) {
                case Tlv.DISCONNECTED -> {
                    // "forget all encryption keys for this correspondent, and transition msgstate to FINISHED"
                    out.emit(new OtrNotice.PeerEnded());
                    return new OtrStep(with(auth, FinishedState.INSTANCE), out.build());
                }
                case Tlv.SMP1, Tlv.SMP2, Tlv.SMP3, Tlv.SMP4, Tlv.SMP_ABORT, Tlv.SMP1Q -> {
                    SmpStep s = new Smp(config.limits(), random).receive(next.smp(), t);
                    next = next.withSmp(s.next());
                    if (!s.send().isEmpty()) {
                        next = sendData(next, new byte[0], s.send(), DataMessage.FLAG_IGNORE_UNREADABLE, now, out);
                        sent = true;
                    }
                    emitSmp(s, next, out);
                }
                case Tlv.EXTRA_SYMMETRIC_KEY -> {
                    if (t.value().length >= 4 && next.version() == 3) {
                        int use = ((t.value()[0] & 0xff) << 24) | ((t.value()[1] & 0xff) << 16)
                                | ((t.value()[2] & 0xff) << 8) | (t.value()[3] & 0xff);
                        out.emit(new OtrNotice.ExtraSymmetricKey(use,
                                java.util.Arrays.copyOfRange(t.value(), 4, t.value().length),
                                Secret.of(r.keys().extraSymmetricKey()), true));
                    }
                }
                default -> {
                    // Type 0 padding and unknown types: "Records with unrecognized types should be ignored."
                }
            }
        }
        if (!sent && now - next.lastSentNanos() >= config.heartbeatNanos()) {
            // "If you have not sent a message to this correspondent in some (configurable) time, send a heartbeat"
            next = sendData(next, new byte[0], List.of(), DataMessage.FLAG_IGNORE_UNREADABLE, now, out);
        }
        return new OtrStep(with(auth, next), out.build());
    }

    private OtrStep unreadable(DataMessage d, String condition) {
        if (d.ignoreUnreadable()) {
            return ignored(condition);
        }
        // "inform the user that an unreadable encrypted message was received, and reply with an Error Message"
        Outputs.Builder out = Outputs.builder().emit(new OtrNotice.UnreadableMessage(condition))
                .send(utf8(OtrTextCodec.error("You sent me an unreadable encrypted message.")));
        return new OtrStep(this, out.build());
    }

    private static byte[] humanPart(byte[] plaintext) {
        for (int i = 0; i < plaintext.length; i++) {
            if (plaintext[i] == 0) {
                return java.util.Arrays.copyOf(plaintext, i);
            }
        }
        return plaintext;
    }

    // ----------------------------------------------------------------- sending

    private EncryptedState sendData(EncryptedState e, byte[] message, List<Tlv> tlvs, int flags, long now,
            Outputs.Builder out) {
        DataKeys.Sent s = e.keys().encrypt(TlvCodec.encode(message, tlvs), e.version(), config.ourInstance(),
                e.theirInstance(), flags);
        sendEncoded(s.message(), out);
        return e.withKeys(s.next()).withLastSent(now);
    }

    private void sendEncoded(EncodedMessage m, Outputs.Builder out) {
        String text = OtrTextCodec.encode(m);
        if (config.maxMessageSize() > 0) {
            for (String piece : OtrTextCodec.fragment(text, config.maxMessageSize(), m.version(),
                    m.senderInstance(), m.receiverInstance())) {
                out.send(utf8(piece));
            }
        } else {
            out.send(utf8(text));
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> append(List<String> list, String s) {
        List<String> l = new ArrayList<>(list);
        l.add(s);
        return l;
    }

    @Override
    public String toString() {
        return "OtrSession[" + auth + ", " + msg + ", " + fragments + "]";
    }
}
