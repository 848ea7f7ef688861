package dev.sotto.engine.event;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.event.proto.ZrtpEventEnvelope;
import dev.sotto.persistence.log.EventCodec;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/** {@link ZrtpEvent}s to and from the protobuf schema {@code zrtp_events.proto}. */
public final class ZrtpEventCodec implements EventCodec<ZrtpEvent> {

    private static final HexFormat HEX = HexFormat.of();

    @Override
    public byte[] encode(ZrtpEvent event) {
        ZrtpEventEnvelope.Builder b = ZrtpEventEnvelope.newBuilder();
        long at = event.at().toEpochMilli();
        if (event instanceof ZrtpZidAssigned z) {
            b.setZidAssigned(dev.sotto.engine.event.proto.ZrtpZidAssigned.newBuilder()
                    .setZid(ByteString.copyFrom(z.zid())).setAtEpochMillis(at));
        } else if (event instanceof ZrtpRetainedSecretUpdated u) {
            byte[] rs1 = u.rs1().bytes();
            byte[] rs2 = u.rs2().map(Secret::bytes).orElse(new byte[0]);
            b.setRetainedSecretUpdated(dev.sotto.engine.event.proto.ZrtpRetainedSecretUpdated.newBuilder()
                    .setPeerZid(zid(u.peerZid())).setRs1(ByteString.copyFrom(rs1)).setRs2(ByteString.copyFrom(rs2))
                    .setSasVerified(u.sasVerified()).setAtEpochMillis(at));
            Arrays.fill(rs1, (byte) 0);
            Arrays.fill(rs2, (byte) 0);
        } else if (event instanceof ZrtpSasVerified v) {
            b.setSasVerified(dev.sotto.engine.event.proto.ZrtpSasVerified.newBuilder().setPeerZid(zid(v.peerZid()))
                    .setVerified(v.verified()).setAtEpochMillis(at));
        } else if (event instanceof ZrtpCacheMismatch m) {
            b.setCacheMismatch(dev.sotto.engine.event.proto.ZrtpCacheMismatch.newBuilder()
                    .setPeerZid(zid(m.peerZid())).setSas(m.sas()).setAtEpochMillis(at));
        } else if (event instanceof ZrtpSecureOn s) {
            b.setSecureOn(dev.sotto.engine.event.proto.ZrtpSecureOn.newBuilder().setPeerZid(zid(s.peerZid()))
                    .setSas(s.sas()).setSasType(s.sasType()).setHash(s.hash()).setCipher(s.cipher())
                    .setAuthTag(s.authTag()).setKeyAgreement(s.keyAgreement()).setRole(s.role())
                    .setCacheMatch(s.cacheMatch()).setVerified(s.verified()).setMultistream(s.multistream())
                    .setAtEpochMillis(at));
        } else if (event instanceof ZrtpError e) {
            b.setError(dev.sotto.engine.event.proto.ZrtpError.newBuilder().setCode(e.code()).setFromPeer(e.fromPeer())
                    .setCondition(e.condition()).setAtEpochMillis(at));
        } else if (event instanceof ZrtpSecurityNotice n) {
            b.setSecurityNotice(dev.sotto.engine.event.proto.ZrtpSecurityNotice.newBuilder().setPeerZid(zid(n.peerZid()))
                    .setCondition(n.condition()).setAtEpochMillis(at));
        } else if (event instanceof ZrtpSasChanged c) {
            b.setSasChanged(dev.sotto.engine.event.proto.ZrtpSasChanged.newBuilder().setPeerZid(zid(c.peerZid()))
                    .setSas(c.sas()).setSasType(c.sasType()).setAtEpochMillis(at));
        }
        return b.build().toByteArray();
    }

    @Override
    public ZrtpEvent decode(byte[] payload) {
        ZrtpEventEnvelope e;
        try {
            e = ZrtpEventEnvelope.parseFrom(payload);
        } catch (InvalidProtocolBufferException ex) {
            throw new IllegalArgumentException("not a ZRTP event");
        }
        switch (e.getEventCase()) {
            case ZID_ASSIGNED: {
                var z = e.getZidAssigned();
                return new ZrtpZidAssigned(z.getZid().toByteArray(), Instant.ofEpochMilli(z.getAtEpochMillis()));
            }
            case RETAINED_SECRET_UPDATED: {
                var u = e.getRetainedSecretUpdated();
                Optional<Secret> rs2 = u.getRs2().isEmpty() ? Optional.empty()
                        : Optional.of(Secret.of(u.getRs2().toByteArray()));
                return new ZrtpRetainedSecretUpdated(hex(u.getPeerZid()), Secret.of(u.getRs1().toByteArray()), rs2,
                        u.getSasVerified(), Instant.ofEpochMilli(u.getAtEpochMillis()));
            }
            case SAS_VERIFIED: {
                var v = e.getSasVerified();
                return new ZrtpSasVerified(hex(v.getPeerZid()), v.getVerified(), Instant.ofEpochMilli(v.getAtEpochMillis()));
            }
            case CACHE_MISMATCH: {
                var m = e.getCacheMismatch();
                return new ZrtpCacheMismatch(hex(m.getPeerZid()), m.getSas(), Instant.ofEpochMilli(m.getAtEpochMillis()));
            }
            case SECURE_ON: {
                var s = e.getSecureOn();
                return new ZrtpSecureOn(hex(s.getPeerZid()), s.getSas(), s.getSasType(), s.getHash(), s.getCipher(),
                        s.getAuthTag(), s.getKeyAgreement(), s.getRole(), s.getCacheMatch(), s.getVerified(),
                        s.getMultistream(), Instant.ofEpochMilli(s.getAtEpochMillis()));
            }
            case ERROR: {
                var r = e.getError();
                return new ZrtpError(r.getCode(), r.getFromPeer(), r.getCondition(),
                        Instant.ofEpochMilli(r.getAtEpochMillis()));
            }
            case SECURITY_NOTICE: {
                var n = e.getSecurityNotice();
                return new ZrtpSecurityNotice(hex(n.getPeerZid()), n.getCondition(),
                        Instant.ofEpochMilli(n.getAtEpochMillis()));
            }
            case SAS_CHANGED: {
                var c = e.getSasChanged();
                return new ZrtpSasChanged(hex(c.getPeerZid()), c.getSas(), c.getSasType(),
                        Instant.ofEpochMilli(c.getAtEpochMillis()));
            }
            default:
                throw new IllegalArgumentException("unknown ZRTP event");
        }
    }

    private static ByteString zid(String hex) {
        byte[] b;
        try {
            b = HEX.parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a ZID");
        }
        if (b.length != 12) {
            throw new IllegalArgumentException("a ZID is 12 bytes");
        }
        return ByteString.copyFrom(b);
    }

    private static String hex(ByteString zid) {
        if (zid.size() != 12) {
            throw new IllegalArgumentException("a ZID is 12 bytes");
        }
        return HEX.formatHex(zid.toByteArray());
    }
}
