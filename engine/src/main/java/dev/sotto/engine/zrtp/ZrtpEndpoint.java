package dev.sotto.engine.zrtp;

import dev.sotto.codecs.DecodeResult;
import dev.sotto.codecs.zrtp.AuthTagType;
import dev.sotto.codecs.zrtp.CipherAlgorithm;
import dev.sotto.codecs.zrtp.CommitMessage;
import dev.sotto.codecs.zrtp.CommitMode;
import dev.sotto.codecs.zrtp.Conf2AckMessage;
import dev.sotto.codecs.zrtp.Confirm1Message;
import dev.sotto.codecs.zrtp.Confirm2Message;
import dev.sotto.codecs.zrtp.ConfirmPlaintext;
import dev.sotto.codecs.zrtp.DhPart1Message;
import dev.sotto.codecs.zrtp.DhPart2Message;
import dev.sotto.codecs.zrtp.ErrorAckMessage;
import dev.sotto.codecs.zrtp.ErrorMessage;
import dev.sotto.codecs.zrtp.GoClearMessage;
import dev.sotto.codecs.zrtp.HashAlgorithm;
import dev.sotto.codecs.zrtp.HelloAckMessage;
import dev.sotto.codecs.zrtp.HelloMessage;
import dev.sotto.codecs.zrtp.KeyAgreementType;
import dev.sotto.codecs.zrtp.PingAckMessage;
import dev.sotto.codecs.zrtp.PingMessage;
import dev.sotto.codecs.zrtp.RelayAckMessage;
import dev.sotto.codecs.zrtp.SasRelayMessage;
import dev.sotto.codecs.zrtp.SasRelayPlaintext;
import dev.sotto.codecs.zrtp.SasType;
import dev.sotto.codecs.zrtp.ZrtpCondition;
import dev.sotto.codecs.zrtp.ZrtpDecoder;
import dev.sotto.codecs.zrtp.ZrtpErrorCode;
import dev.sotto.codecs.zrtp.ZrtpLimits;
import dev.sotto.codecs.zrtp.ZrtpMessage;
import dev.sotto.codecs.zrtp.ZrtpPacket;
import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.event.ZrtpCacheMismatch;
import dev.sotto.engine.event.ZrtpError;
import dev.sotto.engine.event.ZrtpRetainedSecretUpdated;
import dev.sotto.engine.event.ZrtpSasChanged;
import dev.sotto.engine.event.ZrtpSasVerified;
import dev.sotto.engine.event.ZrtpSecureOn;
import dev.sotto.engine.event.ZrtpSecurityNotice;
import dev.sotto.engine.sansio.Input;
import dev.sotto.engine.sansio.Output;
import dev.sotto.engine.sansio.Outputs;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * One ZRTP stream (RFC 6189) as a sans-I/O state machine: {@link #start} and {@link #handle} take the monotonic
 * time and return the datagrams to send, the timers to arm ({@link #TIMER_T1} for Hello, {@link #TIMER_T2} for the
 * initiator's Commit/DHPart2/Confirm2 and for Error), and the events. Not thread-safe: one event loop drives it.
 *
 * <p>SRTP keys come out as a {@link ZrtpSrtpSecrets} in an {@link Output.Emit} only after the Confirm exchange
 * authenticated the whole key agreement (responder: valid Confirm2; initiator: Conf2ACK).
 */
public final class ZrtpEndpoint {

    public static final String TIMER_T1 = "zrtp-t1";
    public static final String TIMER_T2 = "zrtp-t2";

    private static final byte[] INITIATOR = "Initiator".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] RESPONDER = "Responder".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final ZrtpConfig config;
    private final ZidCache cache;
    private final long ssrc;
    private final SecureRandom random;
    private final InstantSource clock;
    private final ZrtpSession parent;
    private final ZrtpDecoder decoder = new ZrtpDecoder(ZrtpLimits.DEFAULT);
    private final byte[] zid;
    private final byte[] h0;
    private final byte[] h1;
    private final byte[] h2;
    private final byte[] h3;
    private final HelloMessage hello;
    private final byte[] helloBytes;

    private ZrtpState state = new ZrtpState.Discovery();
    private int sequence;
    private HelloMessage peerHello;
    private byte[] peerHelloBytes;
    private byte[] expectedPeerHelloHash;
    private Retransmission t1;
    private Retransmission t2;
    private ZrtpSrtpSecrets secrets;
    private ZrtpSession session;
    private DerivedKeys pendingCacheUpdate;
    private boolean peerSasVerified;

    /** What a retransmission timer resends, how often it did, and its current interval (§6). */
    private record Retransmission(ZrtpMessage message, int count, long interval) {}

    private ZrtpEndpoint(ZrtpConfig config, ZidCache cache, long ssrc, ZrtpSession parent, SecureRandom random,
            InstantSource clock) {
        this.config = config;
        this.cache = cache;
        this.ssrc = ssrc;
        this.parent = parent;
        this.random = random;
        this.clock = clock;
        this.zid = cache.localZid();
        // §9: H0 is a fresh 256-bit random nonce; H1..H3 its successive implicit hashes
        ZrtpHashChain chain = ZrtpHashChain.generate(random);
        this.h0 = chain.h0();
        this.h1 = chain.h1();
        this.h2 = chain.h2();
        this.h3 = chain.h3();
        this.sequence = random.nextInt(0x10000);
        List<KeyAgreementType> kas = new ArrayList<>(config.keyAgreements());
        HelloMessage unsigned = new HelloMessage(HelloMessage.VERSION_1_10, config.clientId(), h3, zid, false, false,
                config.passive(), config.hashes(), config.ciphers(), config.authTags(), kas, config.sasTypes(),
                new byte[8]);
        // §5.2: the Hello MAC is keyed by H2, with the implicit MAC
        this.hello = unsigned.withMac(ZrtpHashChain.messageMac(h2, unsigned.encode()));
        this.helloBytes = hello.encode();
    }

    /** The endpoint of a first (DH mode) stream. {@code ssrc} is our RTP SSRC, unsigned 32 bits. */
    public static ZrtpEndpoint create(ZrtpConfig config, ZidCache cache, long ssrc, SecureRandom random,
            InstantSource clock) {
        return new ZrtpEndpoint(config, cache, ssrc, null, random, clock);
    }

    /**
     * The endpoint of a further stream of a call whose first stream went secure (§4.4.3): it commits in
     * Multistream mode with {@code session}'s algorithms and answers Multistream Commits.
     */
    public static ZrtpEndpoint multistream(ZrtpConfig config, ZidCache cache, long ssrc, ZrtpSession session,
            SecureRandom random, InstantSource clock) {
        return new ZrtpEndpoint(config, cache, ssrc, session, random, clock);
    }

    // ------------------------------------------------------------------------------------------------ API

    /** Sends the first Hello and arms T1 (§4.1, §6). */
    public Outputs start(long now) {
        Outputs.Builder out = Outputs.builder();
        t1 = new Retransmission(hello, 0, config.timers().t1Initial());
        send(out, hello);
        out.add(new Output.ArmTimer(TIMER_T1, now + t1.interval()));
        return out.build();
    }

    public Outputs handle(Input input, long now) {
        if (state instanceof ZrtpState.Closed) {
            return Outputs.NONE;
        }
        try {
            if (input instanceof Input.Received r) {
                return receive(r.bytes(), now);
            }
            if (input instanceof Input.TimerFired f) {
                return timer(f.id(), now);
            }
            return Outputs.NONE;
        } catch (RuntimeException e) {
            // A bug of ours must not leave a half-keyed stream: end it with a critical software error (0x20).
            Outputs.Builder out = Outputs.builder();
            fail(out, now, ZrtpErrorCode.CRITICAL_SOFTWARE_ERROR, "internal-error");
            return out.build();
        }
    }

    /**
     * Ends the stream when its call ends: cancels both timers and wipes every secret the stream still holds, so no
     * key of the call outlives it in this object: the DH private value of an unfinished exchange, the confirm keys,
     * the SRTP master keys and salts handed out by {@link #srtpSecrets()} (SRTP contexts made from them derive their
     * own session keys, RFC 3711 §4.3, and end with the call's media), ZRTPSess and ExportedKey (§4.5.2), and an rs1
     * update still waiting for the user's SAS comparison (§4.6.1.1: dropped, as when a call ends before the user
     * compared). A {@link ZrtpSession} this stream made keeps its own copy of ZRTPSess for further streams of the
     * call (§4.4.3) and is destroyed by its owner ({@link ZrtpSession#destroy()}). Sends nothing: ZRTP has no
     * closing message, the media stops. Afterwards every input is ignored and nothing secret is handed out.
     */
    public Outputs close() {
        Outputs.Builder out = Outputs.builder();
        stopT1(out);
        stopT2(out);
        wipeKeys();
        keys().ifPresent(DerivedKeys::wipeAll);
        if (pendingCacheUpdate != null) {
            pendingCacheUpdate.wipeAll();
            pendingCacheUpdate = null;
        }
        if (secrets != null) {
            secrets.wipe();
            secrets = null;
        }
        state = new ZrtpState.Closed();
        return out.build();
    }

    /**
     * The user compared the SAS (§7.1): sets or clears the V flag for this peer; after a cache mismatch this is what
     * lets the postponed cache update happen (§4.6.1.1).
     */
    public Outputs sasVerified(boolean verified) {
        if (!(state instanceof ZrtpState.Secure s) || s.keys().negotiated().multistream()) {
            return Outputs.NONE;
        }
        Outputs.Builder out = Outputs.builder();
        byte[] peerZid = s.keys().peerZid();
        if (pendingCacheUpdate != null && verified) {
            updateCache(out, pendingCacheUpdate, true);
            pendingCacheUpdate = null;
        } else {
            cache.lookup(peerZid).ifPresent(e -> cache.store(peerZid, e.withSasVerified(verified)));
        }
        out.emit(new ZrtpSasVerified(HexFormat.of().formatHex(peerZid), verified, clock.instant()));
        return out.build();
    }

    /** The state's name, e.g. {@code Secure}. */
    public String phase() {
        return state.phase();
    }

    public boolean isSecure() {
        return state instanceof ZrtpState.Secure;
    }

    public Optional<ZrtpRole> role() {
        return keys().map(DerivedKeys::role);
    }

    /** The rendered SAS once keys exist (empty in Multistream mode). */
    public Optional<String> sas() {
        return state instanceof ZrtpState.Secure s ? Optional.ofNullable(s.keys().sas()) : Optional.empty();
    }

    public Optional<ZrtpSrtpSecrets> srtpSecrets() {
        return Optional.ofNullable(secrets);
    }

    /** The session for further streams (§4.4.3), once a DH-mode stream is secure. */
    public Optional<ZrtpSession> session() {
        return Optional.ofNullable(session);
    }

    /** The peer's V flag from its Confirm (§7.1). */
    public boolean peerSasVerified() {
        return peerSasVerified;
    }

    /** §4.3.2: this stream found a retained secret for the peer that did not match. */
    public boolean cacheMismatch() {
        return keys().map(DerivedKeys::cacheMismatch).orElse(false);
    }

    public boolean cacheMatch() {
        return keys().map(DerivedKeys::cacheMatch).orElse(false);
    }

    /** The Error code that ended the stream, if it failed. */
    public Optional<Integer> errorCode() {
        return state instanceof ZrtpState.Failed f ? Optional.of(f.code()) : Optional.empty();
    }

    /**
     * A key for another purpose derived from ExportedKey (§4.5.2): KDF(ExportedKey, label, KDF_Context, L), L the
     * negotiated hash length, truncated to {@code length} octets.
     */
    public Optional<Secret> exportKey(String label, int length) {
        if (!(state instanceof ZrtpState.Secure s) || s.keys().exportedKey() == null) {
            return Optional.empty();
        }
        DerivedKeys k = s.keys();
        int bits = k.negotiated().hashLength() * 8;
        byte[] full = k.negotiated().kdf().derive(k.exportedKey(), label, k.kdfContext(), bits);
        Secret out = Secret.of(Arrays.copyOf(full, Math.min(length, full.length)));
        ZrtpCrypto.wipe(full);
        return Optional.of(out);
    }

    /** The a=zrtp-hash value of §8.1: "1.10 " and the SHA-256 of our Hello, in hex. */
    public String helloHash() {
        return ZrtpHelloHash.of(helloBytes);
    }

    /**
     * The peer's a=zrtp-hash from signalling (§8.1): a Hello that does not hash to it is dropped. Accepts the
     * value with or without the version prefix.
     */
    public void expectPeerHelloHash(String zrtpHash) {
        this.expectedPeerHelloHash = ZrtpHelloHash.parse(zrtpHash);
    }

    // ---------------------------------------------------------------------------------------- receive path

    private Optional<DerivedKeys> keys() {
        if (state instanceof ZrtpState.Secure s) {
            return Optional.of(s.keys());
        }
        if (state instanceof ZrtpState.InitiatorSentDhPart2 s) {
            return Optional.of(s.keys());
        }
        if (state instanceof ZrtpState.InitiatorSentConfirm2 s) {
            return Optional.of(s.keys());
        }
        if (state instanceof ZrtpState.ResponderSentConfirm1 s) {
            return Optional.of(s.keys());
        }
        return Optional.empty();
    }

    /**
     * The keys of a secure stream. Package-private: tests use the copy of the peer's mackey and zrtpkey we keep to
     * forge the peer's authenticated GoClear and SASrelay.
     */
    Optional<DerivedKeys> secureKeys() {
        return state instanceof ZrtpState.Secure s ? Optional.of(s.keys()) : Optional.empty();
    }

    private Outputs receive(byte[] datagram, long now) {
        DecodeResult<ZrtpPacket> decoded = decoder.decode(datagram);
        Outputs.Builder out = Outputs.builder();
        if (decoded instanceof DecodeResult.Malformed<ZrtpPacket> bad) {
            // §5: a bad CRC is dropped silently; a packet with a good CRC and a wrong structure earns Error 0x10
            Optional<ZrtpErrorCode> code = ZrtpCondition.of(bad.condition()).flatMap(ZrtpCondition::errorCode);
            if (code.isPresent() && !(state instanceof ZrtpState.Failed) && !(state instanceof ZrtpState.Secure)) {
                fail(out, now, code.get(), bad.condition());
            }
            return out.build();
        }
        if (!(decoded instanceof DecodeResult.Ok<ZrtpPacket> ok)) {
            return Outputs.NONE;
        }
        ZrtpPacket packet = ok.value();
        ZrtpMessage m = packet.message();
        byte[] bytes = packet.messageBytes();
        if (m instanceof ErrorMessage e) {
            onError(out, now, e);
        } else if (m instanceof ErrorAckMessage) {
            if (state instanceof ZrtpState.Failed && t2 != null) {
                t2 = null;
                out.add(new Output.CancelTimer(TIMER_T2));
            }
        } else if (m instanceof PingMessage ping) {
            // §5.16: every endpoint answers a Ping; our EndpointHash is the truncated ZID, the Ping's SSRC is echoed
            send(out, new PingAckMessage(HelloMessage.VERSION_1_10, Arrays.copyOf(zid, 8), ping.endpointHash(),
                    packet.ssrc()));
        } else if (state instanceof ZrtpState.Failed) {
            return Outputs.NONE;
        } else if (m instanceof HelloMessage h) {
            onHello(out, now, h, bytes);
        } else if (m instanceof HelloAckMessage) {
            stopT1(out);
        } else if (m instanceof CommitMessage c) {
            onCommit(out, now, c, bytes);
        } else if (m instanceof DhPart1Message d) {
            onDhPart1(out, now, d, bytes);
        } else if (m instanceof DhPart2Message d) {
            onDhPart2(out, now, d, bytes);
        } else if (m instanceof Confirm1Message c) {
            onConfirm1(out, now, c.confirmMac(), c.cfbIv(), c.encrypted());
        } else if (m instanceof Confirm2Message c) {
            onConfirm2(out, now, c.confirmMac(), c.cfbIv(), c.encrypted(), bytes);
        } else if (m instanceof Conf2AckMessage) {
            onConf2Ack(out, now);
        } else if (m instanceof GoClearMessage g) {
            onGoClear(out, now, g);
        } else if (m instanceof SasRelayMessage r) {
            onSasRelay(out, now, r);
        }
        // ClearACK and RelayACK acknowledge a GoClear or SASrelay, and we send neither (we never go clear and are no
        // PBX): there is nothing they could acknowledge, so they are ignored.
        return out.build();
    }

    private void onHello(Outputs.Builder out, long now, HelloMessage h, byte[] bytes) {
        if (peerHelloBytes != null) {
            // §6: a retransmitted Hello means our HelloACK was lost; our Commit acknowledges it otherwise
            if (Arrays.equals(bytes, peerHelloBytes) && !(state instanceof ZrtpState.InitiatorCommitted)) {
                send(out, new HelloAckMessage());
            }
            return;
        }
        String version = h.version().substring(0, 3);
        int cmp = version.compareTo(HelloMessage.VERSION_1_10.substring(0, 3));
        if (cmp > 0) {
            return; // §4.1.1: a higher version we do not speak is ignored
        }
        if (cmp < 0) {
            fail(out, now, ZrtpErrorCode.UNSUPPORTED_VERSION, "unsupported-version");
            return;
        }
        if (Arrays.equals(h.zid(), zid)) {
            fail(out, now, ZrtpErrorCode.EQUAL_ZIDS, "equal-zids");
            return;
        }
        if (expectedPeerHelloHash != null
                && !MessageDigest.isEqual(expectedPeerHelloHash, ZrtpHashChain.hash(bytes))) {
            return; // §8.1: a Hello that does not match the signalled hash is false
        }
        peerHello = h;
        peerHelloBytes = bytes;
        if (state instanceof ZrtpState.Discovery && !config.passive()) {
            Negotiated n = parent != null ? negotiateMultistream(h) : negotiate(h);
            if (n != null) {
                commit(out, now, n);
                return;
            }
        }
        send(out, new HelloAckMessage());
    }

    /** §4.2: sends our Commit; in DH mode it commits to DHPart2 through hvi (§4.4.1.1). */
    private void commit(Outputs.Builder out, long now, Negotiated n) {
        byte[] peerZid = peerHello.zid();
        CommitMessage unsigned;
        ZrtpKeyAgreement.LocalKey dh = null;
        DhPart2Message dhPart2 = null;
        byte[] dhPart2Bytes = null;
        if (n.multistream()) {
            byte[] nonce = new byte[16];
            random.nextBytes(nonce);
            parent.useNonce(nonce);
            unsigned = new CommitMessage(h2, zid, n.hash(), n.cipher(), n.authTag(), n.keyAgreement(), n.sasType(),
                    new CommitMode.Multistream(nonce), new byte[8]);
        } else {
            dh = ZrtpKeyAgreement.of(n.keyAgreement(), n.cipher()).generate(random);
            byte[][] ids = secretIds(peerZid, n.hash(), INITIATOR);
            DhPart2Message u = new DhPart2Message(h1, ids[0], ids[1], ids[2], ids[3], dh.publicValue(), new byte[8]);
            dhPart2 = new DhPart2Message(h1, ids[0], ids[1], ids[2], ids[3], dh.publicValue(),
                    ZrtpHashChain.messageMac(h0, u.encode()));
            dhPart2Bytes = dhPart2.encode();
            // §4.4.1.1: hvi = hash(initiator's DHPart2 || responder's Hello), truncated to 256 bits
            byte[] hvi = Arrays.copyOf(n.kdf().hash(dhPart2Bytes, peerHelloBytes), 32);
            unsigned = new CommitMessage(h2, zid, n.hash(), n.cipher(), n.authTag(), n.keyAgreement(), n.sasType(),
                    new CommitMode.DiffieHellman(hvi), new byte[8]);
        }
        CommitMessage commit = unsigned.withMac(ZrtpHashChain.messageMac(h1, unsigned.encode()));
        state = new ZrtpState.InitiatorCommitted(n, dh, commit, commit.encode(), dhPart2, dhPart2Bytes);
        startT2(out, now, commit);
    }

    private void onCommit(Outputs.Builder out, long now, CommitMessage c, byte[] bytes) {
        if (state instanceof ZrtpState.ResponderSentDhPart1 s) {
            if (Arrays.equals(bytes, s.commitBytes())) {
                send(out, s.dhPart1()); // §6: the responder answers a retransmitted Commit again
            }
            return;
        }
        if (state instanceof ZrtpState.ResponderSentConfirm1 s) {
            if (Arrays.equals(bytes, s.answeredBytes())) {
                send(out, s.confirm1());
            }
            return;
        }
        if (peerHello == null || !Arrays.equals(c.zid(), peerHello.zid())) {
            return; // cannot check the hash chain without the peer's Hello
        }
        // §9: H2 must hash to the Hello's H3; §8.1.1: the Hello's MAC is keyed by H2
        if (!MessageDigest.isEqual(ZrtpHashChain.hash(c.h2()), peerHello.h3())
                || !ZrtpHashChain.verifyMessageMac(c.h2(), peerHelloBytes)) {
            return;
        }
        ZrtpKeyAgreement.LocalKey reusable = null;
        if (state instanceof ZrtpState.InitiatorCommitted mine) {
            // §4.2 commit contention
            boolean ourMult = mine.negotiated().multistream();
            boolean theirMult = c.mode() instanceof CommitMode.Multistream;
            if (ourMult != theirMult) {
                fail(out, now, ZrtpErrorCode.CRITICAL_SOFTWARE_ERROR, "multistream-contention");
                return;
            }
            byte[] ours = commitValue(mine.commit().mode());
            byte[] theirs = commitValue(c.mode());
            int cmp = Arrays.compareUnsigned(ours, theirs);
            if (cmp >= 0) {
                return; // the lower value's Commit is discarded: theirs
            }
            stopT2(out);
            if (mine.dh() != null && mine.negotiated().keyAgreement().equals(c.keyAgreement())
                    && mine.negotiated().aesKeyLength() == (c.cipher().name().equals("AES3") ? 32 : 16)) {
                reusable = mine.dh(); // §4.2: keep our DH value when the key size matches
            } else if (mine.dh() != null) {
                mine.dh().destroy();
            }
        } else if (!(state instanceof ZrtpState.Discovery)) {
            return;
        }
        stopT1(out); // §6: a Commit acknowledges our Hello
        Negotiated n = new Negotiated(c.hash(), c.cipher(), c.authTag(), c.keyAgreement(), c.sasType());
        ZrtpErrorCode unsupported = checkCommitAlgorithms(c);
        if (unsupported != null) {
            fail(out, now, unsupported, "unsupported-algorithm");
            return;
        }
        if (c.mode() instanceof CommitMode.Multistream m) {
            if (parent == null) {
                fail(out, now, ZrtpErrorCode.NO_SHARED_SECRET, "no-session-key");
                return;
            }
            if (!parent.useNonce(m.nonce())) {
                fail(out, now, ZrtpErrorCode.NONCE_REUSE, "nonce-reuse");
                return;
            }
            // §4.4.3.2: total_hash = hash(Hello of responder || Commit)
            byte[] totalHash = n.kdf().hash(helloBytes, bytes);
            DerivedKeys keys = multistreamKeys(ZrtpRole.RESPONDER, n, c.zid(), zid, totalHash);
            ZrtpMessage confirm1 = confirm(keys, false);
            state = new ZrtpState.ResponderSentConfirm1(keys, c, bytes, null, null, confirm1, bytes);
            send(out, confirm1);
            return;
        }
        if (!(c.mode() instanceof CommitMode.DiffieHellman)) {
            fail(out, now, ZrtpErrorCode.PUBLIC_KEY_EXCHANGE_NOT_SUPPORTED, "preshared-not-supported");
            return;
        }
        ZrtpKeyAgreement.LocalKey dh = reusable != null ? reusable
                : ZrtpKeyAgreement.of(n.keyAgreement(), n.cipher()).generate(random);
        byte[][] ids = secretIds(peerHello.zid(), n.hash(), RESPONDER);
        DhPart1Message u = new DhPart1Message(h1, ids[0], ids[1], ids[2], ids[3], dh.publicValue(), new byte[8]);
        DhPart1Message dhPart1 = new DhPart1Message(h1, ids[0], ids[1], ids[2], ids[3], dh.publicValue(),
                ZrtpHashChain.messageMac(h0, u.encode()));
        state = new ZrtpState.ResponderSentDhPart1(n, dh, c, bytes, dhPart1, dhPart1.encode());
        send(out, dhPart1);
    }

    private void onDhPart1(Outputs.Builder out, long now, DhPart1Message d, byte[] bytes) {
        if (!(state instanceof ZrtpState.InitiatorCommitted s) || s.dh() == null) {
            return;
        }
        byte[] peerH2 = ZrtpHashChain.hash(d.h1());
        if (!MessageDigest.isEqual(ZrtpHashChain.hash(peerH2), peerHello.h3())
                || !ZrtpHashChain.verifyMessageMac(peerH2, peerHelloBytes)) {
            return; // §9: a false DHPart1 is not used
        }
        Negotiated n = s.negotiated();
        byte[] dhResult = ZrtpKeyAgreement.of(n.keyAgreement(), n.cipher()).sharedSecret(s.dh(), d.publicValue())
                .orElse(null);
        s.dh().destroy();
        if (dhResult == null) {
            fail(out, now, ZrtpErrorCode.DH_BAD_PUBLIC_VALUE, "bad-pvr");
            return;
        }
        stopT1(out);
        byte[] peerZid = peerHello.zid();
        Optional<ZidCacheEntry> entry = cache.lookup(peerZid);
        // §4.3: s1 is our rs1 if it matches the responder's rs1 or rs2, else our rs2 if that matches
        byte[] s1 = null;
        if (entry.isPresent()) {
            List<Secret> local = localSecrets(entry.get());
            outer:
            for (Secret mine : local) {
                byte[] id = ZrtpCrypto.mac64(n.hash(), mine.bytes(), RESPONDER);
                for (byte[] received : List.of(d.rs1Id(), d.rs2Id())) {
                    if (MessageDigest.isEqual(id, received)) {
                        s1 = mine.bytes();
                        break outer;
                    }
                }
            }
        }
        byte[] totalHash = n.kdf().hash(peerHelloBytes, s.commitBytes(), bytes, s.dhPart2Bytes());
        DerivedKeys keys = dhKeys(ZrtpRole.INITIATOR, n, zid, peerZid, totalHash, dhResult, s1, entry);
        stopT2(out);
        state = new ZrtpState.InitiatorSentDhPart2(keys, d.h1(), bytes);
        startT2(out, now, s.dhPart2());
    }

    private void onDhPart2(Outputs.Builder out, long now, DhPart2Message d, byte[] bytes) {
        if (state instanceof ZrtpState.ResponderSentConfirm1 s) {
            if (s.dhPart2Bytes() != null && Arrays.equals(bytes, s.dhPart2Bytes())) {
                send(out, s.confirm1()); // the initiator retransmits DHPart2 until Confirm1 arrives
            }
            return;
        }
        if (!(state instanceof ZrtpState.ResponderSentDhPart1 s)) {
            return;
        }
        // §9: H1 must hash to the Commit's H2; §8.1.1: the Commit's MAC is keyed by H1
        if (!MessageDigest.isEqual(ZrtpHashChain.hash(d.h1()), s.commit().h2())
                || !ZrtpHashChain.verifyMessageMac(d.h1(), s.commitBytes())) {
            return;
        }
        Negotiated n = s.negotiated();
        // §4.4.1.2: first the value check (1, p-1), then hvi
        byte[] dhResult = ZrtpKeyAgreement.of(n.keyAgreement(), n.cipher()).sharedSecret(s.dh(), d.publicValue())
                .orElse(null);
        if (dhResult == null) {
            s.dh().destroy();
            fail(out, now, ZrtpErrorCode.DH_BAD_PUBLIC_VALUE, "bad-pvi");
            return;
        }
        byte[] hvi = Arrays.copyOf(n.kdf().hash(bytes, helloBytes), 32);
        byte[] committed = ((CommitMode.DiffieHellman) s.commit().mode()).hvi();
        if (!MessageDigest.isEqual(hvi, committed)) {
            s.dh().destroy();
            ZrtpCrypto.wipe(dhResult);
            fail(out, now, ZrtpErrorCode.DH_HVI_MISMATCH, "hvi-mismatch");
            return;
        }
        s.dh().destroy();
        byte[] peerZid = peerHello.zid();
        Optional<ZidCacheEntry> entry = cache.lookup(peerZid);
        // §4.3: the initiator's rs1 (first) or rs2, whichever matches our rs1 or rs2
        byte[] s1 = null;
        if (entry.isPresent()) {
            List<Secret> local = localSecrets(entry.get());
            outer:
            for (byte[] received : List.of(d.rs1Id(), d.rs2Id())) {
                for (Secret mine : local) {
                    if (MessageDigest.isEqual(ZrtpCrypto.mac64(n.hash(), mine.bytes(), INITIATOR), received)) {
                        s1 = mine.bytes();
                        break outer;
                    }
                }
            }
        }
        byte[] totalHash = n.kdf().hash(helloBytes, s.commitBytes(), s.dhPart1Bytes(), bytes);
        DerivedKeys keys = dhKeys(ZrtpRole.RESPONDER, n, peerZid, zid, totalHash, dhResult, s1, entry);
        ZrtpMessage confirm1 = confirm(keys, false);
        state = new ZrtpState.ResponderSentConfirm1(keys, s.commit(), s.commitBytes(), d.h1(), bytes, confirm1,
                s.commitBytes());
        send(out, confirm1);
    }

    private void onConfirm1(Outputs.Builder out, long now, byte[] mac, byte[] iv, byte[] encrypted) {
        DerivedKeys keys;
        byte[] peerH1Expected = null;
        byte[] dhPart1Bytes = null;
        if (state instanceof ZrtpState.InitiatorSentDhPart2 s) {
            keys = s.keys();
            peerH1Expected = s.peerH1();
            dhPart1Bytes = s.dhPart1Bytes();
        } else if (state instanceof ZrtpState.InitiatorCommitted s && s.negotiated().multistream()) {
            byte[] totalHash = s.negotiated().kdf().hash(peerHelloBytes, s.commitBytes());
            keys = multistreamKeys(ZrtpRole.INITIATOR, s.negotiated(), zid, peerHello.zid(), totalHash);
        } else {
            return;
        }
        Negotiated n = keys.negotiated();
        // §4.6: confirm_mac = MAC(mackeyr, encrypted part of Confirm1)
        if (!MessageDigest.isEqual(ZrtpCrypto.mac64(n.hash(), keys.mackeyR(), encrypted), mac)) {
            fail(out, now, ZrtpErrorCode.BAD_CONFIRM_MAC, "bad-confirm1-mac");
            return;
        }
        ConfirmPlaintext plain = decryptConfirm(keys.zrtpkeyR(), iv, encrypted);
        if (plain == null) {
            fail(out, now, ZrtpErrorCode.MALFORMED_PACKET, "malformed-confirm1");
            return;
        }
        byte[] peerH0 = plain.h0();
        byte[] peerH1 = ZrtpHashChain.hash(peerH0);
        if (peerH1Expected != null) {
            if (!MessageDigest.isEqual(peerH1, peerH1Expected)) {
                return; // §9
            }
            if (!ZrtpHashChain.verifyMessageMac(peerH0, dhPart1Bytes)) {
                fail(out, now, ZrtpErrorCode.BAD_CONFIRM_MAC, "bad-dhpart1-mac"); // §8.1.1 security exception
                return;
            }
        } else {
            byte[] peerH2 = ZrtpHashChain.hash(peerH1);
            if (!MessageDigest.isEqual(ZrtpHashChain.hash(peerH2), peerHello.h3())) {
                return;
            }
            if (!ZrtpHashChain.verifyMessageMac(peerH2, peerHelloBytes)) {
                fail(out, now, ZrtpErrorCode.BAD_CONFIRM_MAC, "bad-hello-mac");
                return;
            }
        }
        stopT1(out);
        stopT2(out);
        peerSasVerified = plain.sasVerified();
        state = new ZrtpState.InitiatorSentConfirm2(keys, plain.sasVerified(), plain.cacheExpirationInterval());
        startT2(out, now, confirm(keys, true));
    }

    private void onConfirm2(Outputs.Builder out, long now, byte[] mac, byte[] iv, byte[] encrypted, byte[] bytes) {
        if (state instanceof ZrtpState.Secure s) {
            if (s.confirm2Bytes() != null && Arrays.equals(bytes, s.confirm2Bytes())) {
                send(out, new Conf2AckMessage()); // §6: our Conf2ACK was lost
            }
            return;
        }
        if (!(state instanceof ZrtpState.ResponderSentConfirm1 s)) {
            return;
        }
        DerivedKeys keys = s.keys();
        Negotiated n = keys.negotiated();
        if (!MessageDigest.isEqual(ZrtpCrypto.mac64(n.hash(), keys.mackeyI(), encrypted), mac)) {
            fail(out, now, ZrtpErrorCode.BAD_CONFIRM_MAC, "bad-confirm2-mac");
            return;
        }
        ConfirmPlaintext plain = decryptConfirm(keys.zrtpkeyI(), iv, encrypted);
        if (plain == null) {
            fail(out, now, ZrtpErrorCode.MALFORMED_PACKET, "malformed-confirm2");
            return;
        }
        byte[] peerH0 = plain.h0();
        byte[] peerH1 = ZrtpHashChain.hash(peerH0);
        if (s.peerH1() != null) {
            if (!MessageDigest.isEqual(peerH1, s.peerH1())) {
                return;
            }
            if (!ZrtpHashChain.verifyMessageMac(peerH0, s.dhPart2Bytes())) {
                fail(out, now, ZrtpErrorCode.BAD_CONFIRM_MAC, "bad-dhpart2-mac");
                return;
            }
        } else {
            if (!MessageDigest.isEqual(ZrtpHashChain.hash(peerH1), s.commit().h2())) {
                return;
            }
            if (!ZrtpHashChain.verifyMessageMac(peerH1, s.commitBytes())) {
                fail(out, now, ZrtpErrorCode.BAD_CONFIRM_MAC, "bad-commit-mac");
                return;
            }
        }
        peerSasVerified = plain.sasVerified();
        send(out, new Conf2AckMessage());
        state = new ZrtpState.Secure(keys, bytes);
        secureOn(out, keys, plain.sasVerified(), plain.cacheExpirationInterval());
    }

    private void onConf2Ack(Outputs.Builder out, long now) {
        if (!(state instanceof ZrtpState.InitiatorSentConfirm2 s)) {
            return;
        }
        stopT2(out);
        state = new ZrtpState.Secure(s.keys(), null);
        secureOn(out, s.keys(), s.peerSasVerified(), s.peerCacheExpiration());
    }

    private void onError(Outputs.Builder out, long now, ErrorMessage e) {
        send(out, new ErrorAckMessage()); // §4.7.1
        if (state instanceof ZrtpState.Failed) {
            return;
        }
        stopT1(out);
        stopT2(out);
        wipeKeys();
        state = new ZrtpState.Failed((int) e.code());
        out.emit(new ZrtpError((int) e.code(), true, "peer-error", clock.instant()));
    }

    private static final byte[] GO_CLEAR_BLOCK = "GoClear ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * §4.7.2 and §5.11. A GoClear before the stream is secure cannot be authenticated and is not acted on. One with a
     * bad clear_mac gets no ClearACK and is not acted on (a security exception the user hears about). One that
     * authenticates asks us to drop to clear media, which we never allow: our Confirm never sets the Allow Clear
     * flag (A), so no ClearACK is sent, no SRTP key is given up for clear RTP, and the answer is Error 0x100
     * "GoClear message received, but not allowed" (§5.9), which ends the stream (§4.7.1): its media stops rather
     * than going out in the clear.
     */
    private void onGoClear(Outputs.Builder out, long now, GoClearMessage g) {
        if (!(state instanceof ZrtpState.Secure s)) {
            return;
        }
        DerivedKeys k = s.keys();
        // §4.7.2: clear_mac = MAC(mackeyi, "GoClear ") from the initiator, MAC(mackeyr, "GoClear ") from the responder
        byte[] expected = ZrtpCrypto.mac64(k.negotiated().hash(), k.peerMacKey(), GO_CLEAR_BLOCK);
        if (!MessageDigest.isEqual(expected, g.clearMac())) {
            out.emit(new ZrtpSecurityNotice(HexFormat.of().formatHex(k.peerZid()), "goclear-bad-mac", clock.instant()));
            return;
        }
        fail(out, now, ZrtpErrorCode.GO_CLEAR_NOT_ALLOWED, "goclear-not-allowed");
    }

    /**
     * §5.13, §5.14 and §7.3 for an endpoint that is not a PBX and never enrolled with one (we store no pbxsecret,
     * §7.3.1), so no MiTM is trusted and a relayed SAS is never rendered. Only a secure stream can check a SASrelay:
     * its MAC is keyed like the sender's confirm_mac and its body is encrypted with the sender's zrtpkey. An invalid
     * one gets no RelayACK. A valid one is acknowledged; then:
     * <ul>
     *   <li>the peer's Hello did not set the MiTM flag (M): the relayed SAS is not rendered, no Error (§5.13);
     *   <li>M set and a non-zero sashash: a MiTM we never enrolled with relays a SAS, which MUST NOT be rendered
     *       (§7.3); Error 0x63 "Received relayed SAS from untrusted MiTM" ends the stream;
     *   <li>M set and a zero sashash: what a PBX sends the unenrolled party, which ignores the sashash and renders its
     *       own SAS in the relayed rendering scheme (§7.3), if we support that scheme.
     * </ul>
     */
    private void onSasRelay(Outputs.Builder out, long now, SasRelayMessage r) {
        if (!(state instanceof ZrtpState.Secure s)) {
            return;
        }
        DerivedKeys k = s.keys();
        String peerZid = HexFormat.of().formatHex(k.peerZid());
        byte[] encrypted = r.encrypted();
        if (!MessageDigest.isEqual(ZrtpCrypto.mac64(k.negotiated().hash(), k.peerMacKey(), encrypted), r.mac())) {
            out.emit(new ZrtpSecurityNotice(peerZid, "sasrelay-bad-mac", clock.instant()));
            return;
        }
        byte[] plain = ZrtpCrypto.confirmCipher(false, k.peerZrtpKey(), r.cfbIv(), encrypted);
        DecodeResult<SasRelayPlaintext> decoded = SasRelayPlaintext.decode(plain, ZrtpLimits.DEFAULT);
        ZrtpCrypto.wipe(plain);
        if (!(decoded instanceof DecodeResult.Ok<SasRelayPlaintext> ok)) {
            out.emit(new ZrtpSecurityNotice(peerZid, "sasrelay-malformed", clock.instant()));
            return;
        }
        SasRelayPlaintext relay = ok.value();
        send(out, new RelayAckMessage());
        if (!peerHello.mitm()) {
            out.emit(new ZrtpSecurityNotice(peerZid, "sasrelay-from-non-mitm", clock.instant()));
            return;
        }
        byte[] sashash = relay.sashash();
        boolean zero = true;
        for (byte b : sashash) {
            zero &= b == 0;
        }
        if (!zero) {
            fail(out, now, ZrtpErrorCode.UNTRUSTED_MITM_SAS_RELAY, "sasrelay-untrusted-mitm");
            return;
        }
        SasType scheme = relay.renderingScheme();
        if (k.sas() == null || !(SasType.B32.equals(scheme) || SasType.B256.equals(scheme))) {
            return; // a Multistream stream has no SAS of its own (§4.4.3); an unknown scheme cannot be rendered
        }
        String rendered = ZrtpSas.render(scheme, k.sasValue());
        if (!rendered.equals(k.sas())) {
            state = new ZrtpState.Secure(k.withSas(rendered), s.confirm2Bytes());
            out.emit(new ZrtpSasChanged(peerZid, rendered, scheme.name().trim(), clock.instant()));
        }
    }

    // --------------------------------------------------------------------------------------------- timers

    private Outputs timer(String id, long now) {
        Outputs.Builder out = Outputs.builder();
        if (TIMER_T1.equals(id) && t1 != null) {
            if (t1.count() >= config.timers().t1Retransmissions()) {
                t1 = null;
                if (state instanceof ZrtpState.Discovery) {
                    // §6: the Hello schedule is exhausted: the peer does not speak ZRTP (or cannot hear us)
                    state = new ZrtpState.Failed(ZrtpErrorCode.PROTOCOL_TIMEOUT.code());
                    out.emit(new ZrtpError(ZrtpErrorCode.PROTOCOL_TIMEOUT.code(), false, "hello-timeout",
                            clock.instant()));
                }
                return out.build();
            }
            long next = Math.min(t1.interval() * 2, config.timers().t1Cap());
            t1 = new Retransmission(t1.message(), t1.count() + 1, next);
            send(out, t1.message());
            out.add(new Output.ArmTimer(TIMER_T1, now + next));
        } else if (TIMER_T2.equals(id) && t2 != null) {
            if (t2.count() >= config.timers().t2Retransmissions()) {
                t2 = null;
                if (!(state instanceof ZrtpState.Failed)) {
                    fail(out, now, ZrtpErrorCode.PROTOCOL_TIMEOUT, "retransmission-timeout");
                    t2 = null; // no point retransmitting Error to a silent peer
                    out.add(new Output.CancelTimer(TIMER_T2));
                }
                return out.build();
            }
            long next = Math.min(t2.interval() * 2, config.timers().t2Cap());
            t2 = new Retransmission(t2.message(), t2.count() + 1, next);
            send(out, t2.message());
            out.add(new Output.ArmTimer(TIMER_T2, now + next));
        }
        return out.build();
    }

    private void startT2(Outputs.Builder out, long now, ZrtpMessage m) {
        t2 = new Retransmission(m, 0, config.timers().t2Initial());
        send(out, m);
        out.add(new Output.ArmTimer(TIMER_T2, now + t2.interval()));
    }

    private void stopT1(Outputs.Builder out) {
        if (t1 != null) {
            t1 = null;
            out.add(new Output.CancelTimer(TIMER_T1));
        }
    }

    private void stopT2(Outputs.Builder out) {
        if (t2 != null) {
            t2 = null;
            out.add(new Output.CancelTimer(TIMER_T2));
        }
    }

    // ------------------------------------------------------------------------------------------- helpers

    private void send(Outputs.Builder out, ZrtpMessage m) {
        sequence = (sequence + 1) & 0xFFFF;
        out.send(new ZrtpPacket(sequence, ssrc, m).encode());
    }

    /** §4.7.1: sends Error (retransmitted with T2 until ErrorACK) and ends the stream. */
    private void fail(Outputs.Builder out, long now, ZrtpErrorCode code, String condition) {
        stopT1(out);
        stopT2(out);
        wipeKeys();
        state = new ZrtpState.Failed(code.code());
        startT2(out, now, new ErrorMessage(code));
        out.emit(new ZrtpError(code.code(), false, condition, clock.instant()));
    }

    private void wipeKeys() {
        keys().ifPresent(DerivedKeys::wipeConfirmKeys);
        if (state instanceof ZrtpState.InitiatorCommitted s && s.dh() != null) {
            s.dh().destroy();
        }
        if (state instanceof ZrtpState.ResponderSentDhPart1 s) {
            s.dh().destroy();
        }
    }

    private static byte[] commitValue(CommitMode mode) {
        if (mode instanceof CommitMode.DiffieHellman dh) {
            return dh.hvi();
        }
        if (mode instanceof CommitMode.Multistream m) {
            return m.nonce();
        }
        return ((CommitMode.Preshared) mode).nonce();
    }

    private static List<Secret> localSecrets(ZidCacheEntry e) {
        List<Secret> l = new ArrayList<>(2);
        l.add(e.rs1());
        e.rs2().ifPresent(l::add);
        return l;
    }

    /**
     * §4.3.1: rs1ID, rs2ID, auxsecretID, pbxsecretID for our side ({@code label} "Initiator"/"Responder"); a random
     * value stands in for every secret we do not have, so an observer cannot tell which exist.
     */
    private byte[][] secretIds(byte[] peerZid, HashAlgorithm hash, byte[] label) {
        Optional<ZidCacheEntry> entry = cache.lookup(peerZid);
        byte[][] ids = new byte[4][];
        ids[0] = entry.map(e -> ZrtpCrypto.mac64(hash, e.rs1().bytes(), label)).orElseGet(this::random8);
        ids[1] = entry.flatMap(ZidCacheEntry::rs2).map(s -> ZrtpCrypto.mac64(hash, s.bytes(), label))
                .orElseGet(this::random8);
        ids[2] = random8();
        ids[3] = random8();
        return ids;
    }

    private byte[] random8() {
        byte[] b = new byte[8];
        random.nextBytes(b);
        return b;
    }

    /** §4.4.1.4 and §4.5: s0 from DHResult and s1, then every key; DHResult and s1 are wiped. */
    private DerivedKeys dhKeys(ZrtpRole role, Negotiated n, byte[] zidI, byte[] zidR, byte[] totalHash,
            byte[] dhResult, byte[] s1, Optional<ZidCacheEntry> entry) {
        byte[] s1Bytes = s1 == null ? new byte[0] : s1;
        byte[] s0 = n.kdf().hash(ZrtpCrypto.int32(1), dhResult,
                "ZRTP-HMAC-KDF".getBytes(java.nio.charset.StandardCharsets.US_ASCII), zidI, zidR, totalHash,
                ZrtpCrypto.int32(s1Bytes.length), s1Bytes, ZrtpCrypto.int32(0), ZrtpCrypto.int32(0));
        ZrtpCrypto.wipe(dhResult, s1);
        byte[] context = ZrtpCrypto.concat(zidI, zidR, totalHash);
        int hashBits = n.hashLength() * 8;
        byte[] zrtpSess = n.kdf().derive(s0, "ZRTP Session Key", context, hashBits);
        byte[] sashash = n.kdf().derive(s0, "SAS", context, 256);
        int sasValue = ZrtpSas.sasValue(sashash);
        String sas = ZrtpSas.render(SasType.B256.equals(n.sasType()) ? SasType.B256 : SasType.B32, sasValue);
        byte[] exported = n.kdf().derive(s0, "Exported key", context, hashBits);
        byte[] rs1 = n.kdf().derive(s0, "retained secret", context, 256);
        boolean match = s1 != null;
        boolean mismatch = entry.isPresent() && !match; // §4.3.2
        boolean sendV = match && entry.get().sasVerified();
        DerivedKeys k = streamKeys(role, n, role == ZrtpRole.INITIATOR ? zidR : zidI, context, s0, sas, sasValue,
                zrtpSess, exported, rs1, match, mismatch, sendV);
        ZrtpCrypto.wipe(s0, sashash);
        return k;
    }

    /** §4.4.3.2: s0 = KDF(ZRTPSess, "ZRTP MSK", KDF_Context, negotiated hash length). */
    private DerivedKeys multistreamKeys(ZrtpRole role, Negotiated n, byte[] zidI, byte[] zidR, byte[] totalHash) {
        byte[] context = ZrtpCrypto.concat(zidI, zidR, totalHash);
        byte[] sess = parent.zrtpSess().bytes();
        byte[] s0 = n.kdf().derive(sess, "ZRTP MSK", context, n.hashLength() * 8);
        ZrtpCrypto.wipe(sess);
        DerivedKeys k = streamKeys(role, n, role == ZrtpRole.INITIATOR ? zidR : zidI, context, s0, null, 0, null,
                null, null, false, false, false);
        ZrtpCrypto.wipe(s0);
        return k;
    }

    /** §4.5.3: the SRTP, MAC and ZRTP keys of both directions. */
    private static DerivedKeys streamKeys(ZrtpRole role, Negotiated n, byte[] peerZid, byte[] context, byte[] s0,
            String sas, int sasValue, byte[] zrtpSess, byte[] exported, byte[] rs1, boolean match, boolean mismatch,
            boolean sendV) {
        ZrtpKdf kdf = n.kdf();
        int aesBits = n.aesKeyLength() * 8;
        int hashBits = n.hashLength() * 8;
        return new DerivedKeys(role, n, peerZid, context,
                kdf.derive(s0, "Initiator HMAC key", context, hashBits),
                kdf.derive(s0, "Responder HMAC key", context, hashBits),
                kdf.derive(s0, "Initiator ZRTP key", context, aesBits),
                kdf.derive(s0, "Responder ZRTP key", context, aesBits),
                kdf.derive(s0, "Initiator SRTP master key", context, aesBits),
                kdf.derive(s0, "Initiator SRTP master salt", context, 112),
                kdf.derive(s0, "Responder SRTP master key", context, aesBits),
                kdf.derive(s0, "Responder SRTP master salt", context, 112),
                sas, sasValue, zrtpSess, exported, rs1, match, mismatch, sendV);
    }

    /** Confirm1 (responder) or Confirm2 (initiator), §5.7 and §4.6. */
    private ZrtpMessage confirm(DerivedKeys keys, boolean confirm2) {
        ConfirmPlaintext plain = new ConfirmPlaintext(h0, false, keys.sentSasVerified(), false, false,
                config.cacheExpirationSeconds(), Optional.empty());
        byte[] iv = new byte[16];
        random.nextBytes(iv);
        byte[] key = confirm2 ? keys.zrtpkeyI() : keys.zrtpkeyR();
        byte[] macKey = confirm2 ? keys.mackeyI() : keys.mackeyR();
        byte[] encrypted = ZrtpCrypto.confirmCipher(true, key, iv, plain.encode());
        byte[] mac = ZrtpCrypto.mac64(keys.negotiated().hash(), macKey, encrypted);
        return confirm2 ? new Confirm2Message(mac, iv, encrypted) : new Confirm1Message(mac, iv, encrypted);
    }

    private static ConfirmPlaintext decryptConfirm(byte[] key, byte[] iv, byte[] encrypted) {
        byte[] plain = ZrtpCrypto.confirmCipher(false, key, iv, encrypted);
        DecodeResult<ConfirmPlaintext> r = ConfirmPlaintext.decode(plain, ZrtpLimits.DEFAULT);
        ZrtpCrypto.wipe(plain);
        return r instanceof DecodeResult.Ok<ConfirmPlaintext> ok ? ok.value() : null;
    }

    /** The stream is authenticated: hand out the SRTP keys, update the cache (§4.6.1) and say so. */
    private void secureOn(Outputs.Builder out, DerivedKeys keys, boolean peerV, long peerCacheExpiration) {
        Negotiated n = keys.negotiated();
        boolean initiator = keys.role() == ZrtpRole.INITIATOR;
        // §4.5.3: the initiator encrypts with srtpkeyi/srtpsalti, the responder with srtpkeyr/srtpsaltr
        secrets = new ZrtpSrtpSecrets(keys.role(), n.srtpProfile(), initiator ? keys.srtpkeyI() : keys.srtpkeyR(),
                initiator ? keys.srtpsaltI() : keys.srtpsaltR(), initiator ? keys.srtpkeyR() : keys.srtpkeyI(),
                initiator ? keys.srtpsaltR() : keys.srtpsaltI());
        String peerZid = HexFormat.of().formatHex(keys.peerZid());
        if (!n.multistream()) {
            session = new ZrtpSession(keys.zrtpSess(), keys.peerZid(), n.hash(), n.cipher(), n.authTag(), keys.sas());
            if (keys.cacheMismatch()) {
                // §4.3.2: a possible MiTM: the user MUST be alerted (a durable event, so it is also on record), whatever
                // the cache interval. §4.6.1.1: rs1/rs2 stay as they are; the earlier SAS confirmation no longer
                // vouches for this peer, so V is cleared until the user compares the SAS again (§7.1)
                cache.lookup(keys.peerZid()).ifPresent(e -> cache.store(keys.peerZid(), e.withSasVerified(false)));
                out.emit(new ZrtpCacheMismatch(peerZid, keys.sas(), clock.instant()));
            }
            // §4.9: the interval in force is the smaller of the two Confirms; 0 means do not store the new rs1
            if (Math.min(peerCacheExpiration, config.cacheExpirationSeconds()) == 0) {
                ZrtpCrypto.wipe(keys.newRs1());
            } else if (keys.cacheMismatch()) {
                pendingCacheUpdate = keys; // §4.6.1.1: no cache update until the user confirms the SAS
            } else {
                updateCache(out, keys, keys.sentSasVerified());
            }
        }
        keys.wipeOwnConfirmKeys(); // the peer's stay for GoClear and SASrelay until the stream ends
        out.emit(new ZrtpSecureOn(peerZid, keys.sas() == null ? "" : keys.sas(), n.sasType().name().trim(),
                n.hash().name(), n.cipher().name(), n.authTag().name(), n.keyAgreement().name(), keys.role().name(),
                keys.cacheMatch(), keys.sentSasVerified() && peerV, n.multistream(), clock.instant()));
        out.emit(secrets);
    }

    /** §4.6.1: rs2 = old rs1, rs1 = the new retained secret. */
    private void updateCache(Outputs.Builder out, DerivedKeys keys, boolean verified) {
        byte[] peerZid = keys.peerZid();
        Optional<Secret> oldRs1 = cache.lookup(peerZid).map(ZidCacheEntry::rs1);
        ZidCacheEntry entry = new ZidCacheEntry(Secret.of(keys.newRs1()), oldRs1, verified);
        cache.store(peerZid, entry);
        out.emit(new ZrtpRetainedSecretUpdated(HexFormat.of().formatHex(peerZid), entry.rs1(), entry.rs2(), verified,
                clock.instant()));
    }

    // ------------------------------------------------------------------------------------- negotiation

    private static final List<String> SPEED = List.of("DH2k", "X255", "E255", "EC25", "DH3k", "EC38");

    private static int speed(KeyAgreementType k) {
        int i = SPEED.indexOf(k.name());
        return "E255".equals(k.name()) ? SPEED.indexOf("X255") : i;
    }

    /** §5.2: a mandatory algorithm missing from a Hello list is implicitly at its end. */
    private static <T> List<T> effective(List<T> list, List<T> mandatory) {
        List<T> l = new ArrayList<>(list);
        for (T m : mandatory) {
            if (!l.contains(m)) {
                l.add(m);
            }
        }
        return l;
    }

    private static <T> T firstCommon(List<T> ours, List<T> theirs) {
        for (T t : ours) {
            if (theirs.contains(t)) {
                return t;
            }
        }
        return null;
    }

    private List<HashAlgorithm> ourHashes() {
        return effective(config.hashes(), List.of(HashAlgorithm.S256)).stream()
                .filter(h -> h.name().equals("S256") || h.name().equals("S384")).toList();
    }

    private List<CipherAlgorithm> ourCiphers() {
        return effective(config.ciphers(), List.of(CipherAlgorithm.AES1)).stream()
                .filter(c -> c.name().equals("AES1") || c.name().equals("AES3")).toList();
    }

    private List<AuthTagType> ourAuthTags() {
        return effective(config.authTags(), List.of(AuthTagType.HS32, AuthTagType.HS80)).stream()
                .filter(a -> a.name().equals("HS32") || a.name().equals("HS80")).toList();
    }

    private List<KeyAgreementType> ourKeyAgreements() {
        return effective(config.keyAgreements(), List.of(KeyAgreementType.DH3K, KeyAgreementType.MULT)).stream()
                .filter(k -> ZrtpKeyAgreement.isSupported(k) || KeyAgreementType.MULT.equals(k)).toList();
    }

    private List<SasType> ourSasTypes() {
        return effective(config.sasTypes(), List.of(SasType.B32)).stream()
                .filter(s -> s.equals(SasType.B32) || s.equals(SasType.B256)).toList();
    }

    /** §4.1.2: the faster of the two first common key agreements; the rest is the initiator's choice. */
    private Negotiated negotiate(HelloMessage peer) {
        List<HashAlgorithm> hashes = ourHashes().stream()
                .filter(effective(peer.hashes(), List.of(HashAlgorithm.S256))::contains).toList();
        List<KeyAgreementType> theirKas = effective(peer.keyAgreements(), List.of(KeyAgreementType.DH3K));
        List<KeyAgreementType> ours = ourKeyAgreements().stream().filter(ZrtpKeyAgreement::isSupported)
                .filter(theirKas::contains).filter(k -> !k.name().equals("EC38") || hashes.contains(HashAlgorithm.S384))
                .toList();
        List<KeyAgreementType> theirs = theirKas.stream().filter(ours::contains).toList();
        if (ours.isEmpty() || hashes.isEmpty()) {
            return null;
        }
        KeyAgreementType ka = speed(ours.get(0)) <= speed(theirs.get(0)) ? ours.get(0) : theirs.get(0);
        // §5.1.5: EC38 goes with SHA-384 and (preferably) AES-256
        HashAlgorithm hash = ka.name().equals("EC38") ? HashAlgorithm.S384 : hashes.get(0);
        List<CipherAlgorithm> ciphers = ourCiphers().stream()
                .filter(effective(peer.ciphers(), List.of(CipherAlgorithm.AES1))::contains).toList();
        CipherAlgorithm cipher = ka.name().equals("EC38") && ciphers.contains(CipherAlgorithm.AES3)
                ? CipherAlgorithm.AES3 : ciphers.isEmpty() ? null : ciphers.get(0);
        AuthTagType tag = firstCommon(ourAuthTags(), effective(peer.authTags(), List.of(AuthTagType.HS32,
                AuthTagType.HS80)));
        SasType sas = firstCommon(ourSasTypes(), effective(peer.sasTypes(), List.of(SasType.B32)));
        if (cipher == null || tag == null || sas == null) {
            return null;
        }
        return new Negotiated(hash, cipher, tag, ka, sas);
    }

    /** §4.4.3.1: Multistream reuses the first stream's hash, cipher and auth tag. */
    private Negotiated negotiateMultistream(HelloMessage peer) {
        if (!effective(peer.keyAgreements(), List.of(KeyAgreementType.MULT)).contains(KeyAgreementType.MULT)) {
            return null;
        }
        SasType sas = firstCommon(ourSasTypes(), effective(peer.sasTypes(), List.of(SasType.B32)));
        return new Negotiated(parent.hash(), parent.cipher(), parent.authTag(), KeyAgreementType.MULT,
                sas == null ? SasType.B32 : sas);
    }

    /** §5.9 codes 0x51-0x55 for a Commit naming something we do not offer or implement. */
    private ZrtpErrorCode checkCommitAlgorithms(CommitMessage c) {
        if (!ourHashes().contains(c.hash())) {
            return ZrtpErrorCode.HASH_TYPE_NOT_SUPPORTED;
        }
        if (!ourCiphers().contains(c.cipher())) {
            return ZrtpErrorCode.CIPHER_TYPE_NOT_SUPPORTED;
        }
        if (!ourAuthTags().contains(c.authTag())) {
            return ZrtpErrorCode.AUTH_TAG_NOT_SUPPORTED;
        }
        if (!ourKeyAgreements().contains(c.keyAgreement()) && !KeyAgreementType.PRSH.equals(c.keyAgreement())) {
            return ZrtpErrorCode.PUBLIC_KEY_EXCHANGE_NOT_SUPPORTED;
        }
        if (!c.keyAgreement().equals(KeyAgreementType.MULT) && !ourSasTypes().contains(c.sasType())) {
            return ZrtpErrorCode.SAS_SCHEME_NOT_SUPPORTED;
        }
        return null;
    }

    @Override
    public String toString() {
        return "ZrtpEndpoint[phase=" + state.phase() + "]";
    }
}
