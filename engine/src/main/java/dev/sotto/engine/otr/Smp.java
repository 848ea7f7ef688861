package dev.sotto.engine.otr;

import static dev.sotto.engine.otr.OtrGroup.G;
import static dev.sotto.engine.otr.OtrGroup.P;
import static dev.sotto.engine.otr.OtrGroup.Q;

import dev.sotto.codecs.DecodeResult;
import dev.sotto.codecs.otr.OtrLimits;
import dev.sotto.codecs.otr.OtrWriter;
import dev.sotto.codecs.otr.SmpTlvCodec;
import dev.sotto.codecs.otr.Tlv;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/**
 * The Socialist Millionaires' Protocol of OTR v3, every check of the spec included: group membership of
 * every received group element and every zero-knowledge proof. Pure: state + TLV + randomness in.
 */
final class Smp {

    private static final Tlv ABORT = new Tlv(Tlv.SMP_ABORT, new byte[0]);

    private final OtrLimits limits;
    private final SecureRandom random;

    Smp(OtrLimits limits, SecureRandom random) {
        this.limits = limits;
        this.random = random;
    }

    /**
     * OTR v3 "Secret information": SHA256(version 1, initiator fingerprint, responder fingerprint, ssid,
     * user secret).
     */
    static BigInteger secret(Fingerprint initiator, Fingerprint responder, byte[] ssid, byte[] userSecret) {
        return new BigInteger(1, OtrPrimitives.sha256(new byte[] {1}, initiator.bytes(), responder.bytes(), ssid,
                userSecret));
    }

    /** "User requests to begin SMP" (restarting aborts a running exchange first). */
    SmpStep start(SmpState state, BigInteger x, String question) {
        List<Tlv> abort = state instanceof SmpState.Expect1 ? List.of() : List.of(ABORT);
        BigInteger a2 = exponent();
        BigInteger a3 = exponent();
        BigInteger r2 = exponent();
        BigInteger r3 = exponent();
        BigInteger g2a = pow(G, a2);
        BigInteger g3a = pow(G, a3);
        BigInteger c2 = hash(1, pow(G, r2), null);
        BigInteger d2 = r2.subtract(a2.multiply(c2)).mod(Q);
        BigInteger c3 = hash(2, pow(G, r3), null);
        BigInteger d3 = r3.subtract(a3.multiply(c3)).mod(Q);
        byte[] mpis = SmpTlvCodec.encode(List.of(g2a, c2, d2, g3a, c3, d3));
        Tlv msg1;
        if (question == null) {
            msg1 = new Tlv(Tlv.SMP1, mpis);
        } else {
            // Type 7: "preceded by a user-specified question" NUL-terminated.
            byte[] q = question.getBytes(StandardCharsets.UTF_8);
            msg1 = new Tlv(Tlv.SMP1Q, new OtrWriter().fixed(q).u8(0).fixed(mpis).toByteArray());
        }
        List<Tlv> send = new java.util.ArrayList<>(abort);
        send.add(msg1);
        return SmpStep.of(new SmpState.Expect2(x, a2, a3), List.copyOf(send));
    }

    /** "User requests to abort SMP". */
    SmpStep abort() {
        return SmpStep.of(SmpState.Expect1.INSTANCE, List.of(ABORT), new OtrNotice.SmpAborted(true));
    }

    /** Handles one SMP TLV (types 2-7); other types never reach here. */
    SmpStep receive(SmpState state, Tlv tlv) {
        switch (tlv.type()) {
            case Tlv.SMP_ABORT:
                return SmpStep.of(SmpState.Expect1.INSTANCE, List.of(), new OtrNotice.SmpAborted(false));
            case Tlv.SMP1:
            case Tlv.SMP1Q:
                return message1(state, tlv);
            case Tlv.SMP2:
                return state instanceof SmpState.Expect2 e ? message2(e, tlv) : outOfOrder();
            case Tlv.SMP3:
                return state instanceof SmpState.Expect3 e ? message3(e, tlv) : outOfOrder();
            case Tlv.SMP4:
                return state instanceof SmpState.Expect4 e ? message4(e, tlv) : outOfOrder();
            default:
                return SmpStep.of(state, List.of());
        }
    }

    /** "If smpstate is not SMPSTATE_EXPECTn: Set smpstate to SMPSTATE_EXPECT1 and send a type 6 TLV". */
    private static SmpStep outOfOrder() {
        return SmpStep.of(SmpState.Expect1.INSTANCE, List.of(ABORT), new OtrNotice.SmpAborted(false));
    }

    private static SmpStep cheated(String check) {
        return SmpStep.of(SmpState.Expect1.INSTANCE, List.of(ABORT), new OtrNotice.SmpCheated(check));
    }

    private SmpStep message1(SmpState state, Tlv tlv) {
        if (!(state instanceof SmpState.Expect1) && !(state instanceof SmpState.AwaitingSecret)) {
            return outOfOrder();
        }
        String question = null;
        int offset = 0;
        byte[] v = tlv.value();
        if (tlv.type() == Tlv.SMP1Q) {
            int nul = -1;
            for (int i = 0; i < v.length; i++) {
                if (v[i] == 0) {
                    nul = i;
                    break;
                }
            }
            if (nul < 0) {
                return cheated("question not NUL-terminated");
            }
            question = new String(v, 0, nul, StandardCharsets.UTF_8);
            offset = nul + 1;
        }
        List<BigInteger> m = mpis(v, offset, 6);
        if (m == null) {
            return cheated("malformed message 1");
        }
        BigInteger g2a = m.get(0);
        BigInteger c2 = m.get(1);
        BigInteger d2 = m.get(2);
        BigInteger g3a = m.get(3);
        BigInteger c3 = m.get(4);
        BigInteger d3 = m.get(5);
        if (!OtrGroup.isLegal(g2a) || !OtrGroup.isLegal(g3a)) {
            return cheated("g2a or g3a out of range");
        }
        if (!c2.equals(hash(1, mul(pow(G, d2), pow(g2a, c2)), null))) {
            return cheated("proof c2");
        }
        if (!c3.equals(hash(2, mul(pow(G, d3), pow(g3a, c3)), null))) {
            return cheated("proof c3");
        }
        return SmpStep.of(new SmpState.AwaitingSecret(g2a, g3a, question), List.of(),
                new OtrNotice.SmpRequested(question));
    }

    /** The user answered: "Create a type 3 TLV (SMP message 2)". */
    SmpStep answer(SmpState.AwaitingSecret s, BigInteger y) {
        BigInteger b2 = exponent();
        BigInteger b3 = exponent();
        BigInteger r2 = exponent();
        BigInteger r3 = exponent();
        BigInteger r4 = exponent();
        BigInteger r5 = exponent();
        BigInteger r6 = exponent();
        BigInteger g2b = pow(G, b2);
        BigInteger g3b = pow(G, b3);
        BigInteger c2 = hash(3, pow(G, r2), null);
        BigInteger d2 = r2.subtract(b2.multiply(c2)).mod(Q);
        BigInteger c3 = hash(4, pow(G, r3), null);
        BigInteger d3 = r3.subtract(b3.multiply(c3)).mod(Q);
        BigInteger g2 = pow(s.g2a(), b2);
        BigInteger g3 = pow(s.g3a(), b3);
        BigInteger pb = pow(g3, r4);
        BigInteger qb = mul(pow(G, r4), pow(g2, y));
        BigInteger cp = hash(5, pow(g3, r5), mul(pow(G, r5), pow(g2, r6)));
        BigInteger d5 = r5.subtract(r4.multiply(cp)).mod(Q);
        BigInteger d6 = r6.subtract(y.multiply(cp)).mod(Q);
        Tlv msg2 = new Tlv(Tlv.SMP2, SmpTlvCodec.encode(List.of(g2b, c2, d2, g3b, c3, d3, pb, qb, cp, d5, d6)));
        return SmpStep.of(new SmpState.Expect3(s.g3a(), g2, g3, b3, pb, qb), List.of(msg2));
    }

    private SmpStep message2(SmpState.Expect2 s, Tlv tlv) {
        List<BigInteger> m = mpis(tlv.value(), 0, 11);
        if (m == null) {
            return cheated("malformed message 2");
        }
        BigInteger g2b = m.get(0);
        BigInteger c2 = m.get(1);
        BigInteger d2 = m.get(2);
        BigInteger g3b = m.get(3);
        BigInteger c3 = m.get(4);
        BigInteger d3 = m.get(5);
        BigInteger pb = m.get(6);
        BigInteger qb = m.get(7);
        BigInteger cp = m.get(8);
        BigInteger d5 = m.get(9);
        BigInteger d6 = m.get(10);
        if (!OtrGroup.isLegal(g2b) || !OtrGroup.isLegal(g3b) || !OtrGroup.isLegal(pb) || !OtrGroup.isLegal(qb)) {
            return cheated("message 2 value out of range");
        }
        if (!c2.equals(hash(3, mul(pow(G, d2), pow(g2b, c2)), null))) {
            return cheated("proof c2");
        }
        if (!c3.equals(hash(4, mul(pow(G, d3), pow(g3b, c3)), null))) {
            return cheated("proof c3");
        }
        BigInteger g2 = pow(g2b, s.a2());
        BigInteger g3 = pow(g3b, s.a3());
        if (!cp.equals(hash(5, mul(pow(g3, d5), pow(pb, cp)), mul(mul(pow(G, d5), pow(g2, d6)), pow(qb, cp))))) {
            return cheated("proof cP");
        }
        BigInteger r4 = exponent();
        BigInteger r5 = exponent();
        BigInteger r6 = exponent();
        BigInteger r7 = exponent();
        BigInteger pa = pow(g3, r4);
        BigInteger qa = mul(pow(G, r4), pow(g2, s.x()));
        BigInteger cpA = hash(6, pow(g3, r5), mul(pow(G, r5), pow(g2, r6)));
        BigInteger d5A = r5.subtract(r4.multiply(cpA)).mod(Q);
        BigInteger d6A = r6.subtract(s.x().multiply(cpA)).mod(Q);
        BigInteger qaOverQb = mul(qa, qb.modInverse(P));
        BigInteger ra = pow(qaOverQb, s.a3());
        BigInteger cr = hash(7, pow(G, r7), pow(qaOverQb, r7));
        BigInteger d7 = r7.subtract(s.a3().multiply(cr)).mod(Q);
        Tlv msg3 = new Tlv(Tlv.SMP3, SmpTlvCodec.encode(List.of(pa, qa, cpA, d5A, d6A, ra, cr, d7)));
        return SmpStep.of(new SmpState.Expect4(g3b, mul(pa, pb.modInverse(P)), qaOverQb, s.a3()), List.of(msg3));
    }

    private SmpStep message3(SmpState.Expect3 s, Tlv tlv) {
        List<BigInteger> m = mpis(tlv.value(), 0, 8);
        if (m == null) {
            return cheated("malformed message 3");
        }
        BigInteger pa = m.get(0);
        BigInteger qa = m.get(1);
        BigInteger cp = m.get(2);
        BigInteger d5 = m.get(3);
        BigInteger d6 = m.get(4);
        BigInteger ra = m.get(5);
        BigInteger cr = m.get(6);
        BigInteger d7 = m.get(7);
        if (!OtrGroup.isLegal(pa) || !OtrGroup.isLegal(qa) || !OtrGroup.isLegal(ra)) {
            return cheated("message 3 value out of range");
        }
        if (!cp.equals(hash(6, mul(pow(s.g3(), d5), pow(pa, cp)),
                mul(mul(pow(G, d5), pow(s.g2(), d6)), pow(qa, cp))))) {
            return cheated("proof cP");
        }
        BigInteger qaOverQb = mul(qa, s.qb().modInverse(P));
        if (!cr.equals(hash(7, mul(pow(G, d7), pow(s.g3a(), cr)), mul(pow(qaOverQb, d7), pow(ra, cr))))) {
            return cheated("proof cR");
        }
        BigInteger r7 = exponent();
        BigInteger rb = pow(qaOverQb, s.b3());
        BigInteger crB = hash(8, pow(G, r7), pow(qaOverQb, r7));
        BigInteger d7B = r7.subtract(s.b3().multiply(crB)).mod(Q);
        Tlv msg4 = new Tlv(Tlv.SMP4, SmpTlvCodec.encode(List.of(rb, crB, d7B)));
        BigInteger rab = pow(ra, s.b3());
        boolean success = rab.equals(mul(pa, s.pb().modInverse(P)));
        return SmpStep.of(SmpState.Expect1.INSTANCE, List.of(msg4), new OtrNotice.SmpResult(success));
    }

    private SmpStep message4(SmpState.Expect4 s, Tlv tlv) {
        List<BigInteger> m = mpis(tlv.value(), 0, 3);
        if (m == null) {
            return cheated("malformed message 4");
        }
        BigInteger rb = m.get(0);
        BigInteger cr = m.get(1);
        BigInteger d7 = m.get(2);
        if (!OtrGroup.isLegal(rb)) {
            return cheated("R[b] out of range");
        }
        if (!cr.equals(hash(8, mul(pow(G, d7), pow(s.g3b(), cr)), mul(pow(s.qaOverQb(), d7), pow(rb, cr))))) {
            return cheated("proof cR");
        }
        BigInteger rab = pow(rb, s.a3());
        return SmpStep.of(SmpState.Expect1.INSTANCE, List.of(), new OtrNotice.SmpResult(rab.equals(s.paOverPb())));
    }

    private List<BigInteger> mpis(byte[] value, int offset, int count) {
        DecodeResult<List<BigInteger>> d = SmpTlvCodec.decode(value, offset, count, limits);
        return d instanceof DecodeResult.Ok<List<BigInteger>> ok ? ok.value() : null;
    }

    /** OTR v3 "SMP Hash function": SHA256(version byte, MPI, [MPI]). */
    static BigInteger hash(int version, BigInteger first, BigInteger second) {
        OtrWriter w = new OtrWriter().u8(version).mpi(first);
        if (second != null) {
            w.mpi(second);
        }
        return new BigInteger(1, OtrPrimitives.sha256(w.toByteArray()));
    }

    private BigInteger exponent() {
        return OtrGroup.randomExponent(random, OtrGroup.SMP_EXPONENT_BITS);
    }

    private static BigInteger pow(BigInteger b, BigInteger e) {
        return b.modPow(e, P);
    }

    private static BigInteger mul(BigInteger a, BigInteger b) {
        return a.multiply(b).mod(P);
    }

    static byte[] copy(byte[] b) {
        return Arrays.copyOf(b, b.length);
    }
}
