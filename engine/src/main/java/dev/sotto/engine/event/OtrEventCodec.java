package dev.sotto.engine.event;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.sotto.engine.crypto.Secret;
import dev.sotto.engine.event.proto.OtrEventEnvelope;
import dev.sotto.engine.event.proto.OtrTrustLevel;
import dev.sotto.persistence.log.EventCodec;
import java.time.Instant;
import java.util.HexFormat;

/** {@link OtrEvent}s to and from the protobuf schema {@code otr_events.proto}. */
public final class OtrEventCodec implements EventCodec<OtrEvent> {

    @Override
    public byte[] encode(OtrEvent event) {
        OtrEventEnvelope.Builder b = OtrEventEnvelope.newBuilder();
        if (event instanceof OtrKeyGenerated k) {
            byte[] x = k.privateX().bytes();
            b.setKeyGenerated(dev.sotto.engine.event.proto.OtrKeyGenerated.newBuilder().setAccount(k.account())
                    .setPublicKey(ByteString.copyFrom(k.publicKey())).setPrivateX(ByteString.copyFrom(x))
                    .setAtEpochMillis(k.at().toEpochMilli()));
            java.util.Arrays.fill(x, (byte) 0);
        } else if (event instanceof OtrFingerprintSeen f) {
            b.setFingerprintSeen(dev.sotto.engine.event.proto.OtrFingerprintSeen.newBuilder().setAccount(f.account())
                    .setContact(f.contact()).setFingerprint(fingerprint(f.fingerprint()))
                    .setAtEpochMillis(f.at().toEpochMilli()));
        } else if (event instanceof OtrTrustChanged t) {
            b.setTrustChanged(dev.sotto.engine.event.proto.OtrTrustChanged.newBuilder().setAccount(t.account())
                    .setContact(t.contact()).setFingerprint(fingerprint(t.fingerprint())).setTrust(level(t.trust()))
                    .setAtEpochMillis(t.at().toEpochMilli()));
        } else if (event instanceof OtrInstanceTagAssigned i) {
            b.setInstanceTagAssigned(dev.sotto.engine.event.proto.OtrInstanceTagAssigned.newBuilder()
                    .setAccount(i.account()).setInstanceTag(i.instanceTag()).setAtEpochMillis(i.at().toEpochMilli()));
        } else if (event instanceof OtrPolicyChanged p) {
            b.setPolicyChanged(dev.sotto.engine.event.proto.OtrPolicyChanged.newBuilder().setAccount(p.account())
                    .setContact(p.contact()).setPolicy(policyName(p.policy())).setAllowV2(p.allowV2())
                    .setAtEpochMillis(p.at().toEpochMilli()));
        } else if (event instanceof OtrHistoryPolicyChanged h) {
            b.setHistoryPolicyChanged(dev.sotto.engine.event.proto.OtrHistoryPolicyChanged.newBuilder()
                    .setAccount(h.account()).setContact(h.contact()).setKeepHistory(h.keepHistory())
                    .setAtEpochMillis(h.at().toEpochMilli()));
        }
        return b.build().toByteArray();
    }

    @Override
    public OtrEvent decode(byte[] payload) {
        OtrEventEnvelope e;
        try {
            e = OtrEventEnvelope.parseFrom(payload);
        } catch (InvalidProtocolBufferException ex) {
            throw new IllegalArgumentException("not an OTR event");
        }
        switch (e.getEventCase()) {
            case KEY_GENERATED: {
                var k = e.getKeyGenerated();
                byte[] pub = k.getPublicKey().toByteArray();
                return new OtrKeyGenerated(k.getAccount(), pub, Secret.of(k.getPrivateX().toByteArray()),
                        fingerprintOfPubkey(pub), Instant.ofEpochMilli(k.getAtEpochMillis()));
            }
            case FINGERPRINT_SEEN: {
                var f = e.getFingerprintSeen();
                return new OtrFingerprintSeen(f.getAccount(), f.getContact(), display(f.getFingerprint()),
                        Instant.ofEpochMilli(f.getAtEpochMillis()));
            }
            case TRUST_CHANGED: {
                var t = e.getTrustChanged();
                return new OtrTrustChanged(t.getAccount(), t.getContact(), display(t.getFingerprint()),
                        trust(t.getTrust()), Instant.ofEpochMilli(t.getAtEpochMillis()));
            }
            case INSTANCE_TAG_ASSIGNED: {
                var i = e.getInstanceTagAssigned();
                return new OtrInstanceTagAssigned(i.getAccount(), i.getInstanceTag(),
                        Instant.ofEpochMilli(i.getAtEpochMillis()));
            }
            case POLICY_CHANGED: {
                var p = e.getPolicyChanged();
                return new OtrPolicyChanged(p.getAccount(), p.getContact(), policyName(p.getPolicy()),
                        p.getAllowV2(), Instant.ofEpochMilli(p.getAtEpochMillis()));
            }
            case HISTORY_POLICY_CHANGED: {
                var h = e.getHistoryPolicyChanged();
                return new OtrHistoryPolicyChanged(h.getAccount(), h.getContact(), h.getKeepHistory(),
                        Instant.ofEpochMilli(h.getAtEpochMillis()));
            }
            default:
                throw new IllegalArgumentException("unknown OTR event");
        }
    }

    private static ByteString fingerprint(String display) {
        dev.sotto.engine.otr.Fingerprint f = dev.sotto.engine.otr.Fingerprint.parse(display);
        if (f == null) {
            throw new IllegalArgumentException("not a fingerprint");
        }
        return ByteString.copyFrom(f.bytes());
    }

    private static String display(ByteString b) {
        if (b.size() != 20) {
            throw new IllegalArgumentException("fingerprint is not 20 bytes");
        }
        return new dev.sotto.engine.otr.Fingerprint(b.toByteArray()).display();
    }

    /** SHA-1 of the PUBKEY without its two type bytes (OTR v3 "Public keys, signatures, and fingerprints"). */
    private static String fingerprintOfPubkey(byte[] pub) {
        if (pub.length < 2) {
            throw new IllegalArgumentException("bad public key");
        }
        return new dev.sotto.engine.otr.Fingerprint(dev.sotto.engine.otr.OtrPrimitives.sha1(
                java.util.Arrays.copyOfRange(pub, 2, pub.length))).display();
    }

    private static dev.sotto.engine.event.proto.OtrPolicyName policyName(String name) {
        if (name == null) {
            return dev.sotto.engine.event.proto.OtrPolicyName.OTR_POLICY_UNSPECIFIED;
        }
        return switch (name) {
            case "never" -> dev.sotto.engine.event.proto.OtrPolicyName.OTR_POLICY_NEVER;
            case "manual" -> dev.sotto.engine.event.proto.OtrPolicyName.OTR_POLICY_MANUAL;
            case "opportunistic" -> dev.sotto.engine.event.proto.OtrPolicyName.OTR_POLICY_OPPORTUNISTIC;
            case "always" -> dev.sotto.engine.event.proto.OtrPolicyName.OTR_POLICY_ALWAYS;
            default -> throw new IllegalArgumentException("unknown OTR policy");
        };
    }

    /** A policy this version does not know reads as {@code null}: the record changes nothing. */
    private static String policyName(dev.sotto.engine.event.proto.OtrPolicyName name) {
        return switch (name) {
            case OTR_POLICY_NEVER -> "never";
            case OTR_POLICY_MANUAL -> "manual";
            case OTR_POLICY_OPPORTUNISTIC -> "opportunistic";
            case OTR_POLICY_ALWAYS -> "always";
            default -> null;
        };
    }

    private static OtrTrustLevel level(OtrTrust t) {
        return switch (t) {
            case UNVERIFIED -> OtrTrustLevel.OTR_TRUST_UNVERIFIED;
            case VERIFIED_SMP -> OtrTrustLevel.OTR_TRUST_VERIFIED_SMP;
            case VERIFIED_MANUAL -> OtrTrustLevel.OTR_TRUST_VERIFIED_MANUAL;
            case DISTRUSTED -> OtrTrustLevel.OTR_TRUST_DISTRUSTED;
        };
    }

    private static OtrTrust trust(OtrTrustLevel l) {
        return switch (l) {
            case OTR_TRUST_VERIFIED_SMP -> OtrTrust.VERIFIED_SMP;
            case OTR_TRUST_VERIFIED_MANUAL -> OtrTrust.VERIFIED_MANUAL;
            case OTR_TRUST_DISTRUSTED -> OtrTrust.DISTRUSTED;
            default -> OtrTrust.UNVERIFIED; // unknown future levels read as the safe default
        };
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
