package dev.sotto.engine.otr;

import dev.sotto.engine.event.OtrKeyGenerated;
import dev.sotto.engine.sansio.ComputeJob;
import dev.sotto.engine.sansio.Output;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The once-per-account long-term key: generated off the event loop as a {@link Output.Compute} job whose
 * result is the durable {@link OtrKeyGenerated} event (DESIGN.md, "One event loop owns a session").
 */
public final class OtrKeyGeneration {

    private OtrKeyGeneration() {}

    public static Output.Compute job(String account, SecureRandom random, Clock clock) {
        ComputeJob job = () -> {
            OtrLongTermKey key = OtrLongTermKey.generate(random);
            return new OtrKeyGenerated(account, key.publicKey().encode(), key.privateKey(),
                    key.fingerprint().display(), clock.instant());
        };
        return new Output.Compute("otr-keygen:" + account, job);
    }

    /** The key an {@link OtrKeyGenerated} event carries; null when its public key does not decode. */
    public static OtrLongTermKey fromEvent(OtrKeyGenerated e) {
        var d = dev.sotto.codecs.otr.SignedKeyBlock.decode(
                new dev.sotto.codecs.otr.OtrWriter().fixed(e.publicKey()).u32(1).fixed(new byte[40]).toByteArray(),
                dev.sotto.codecs.otr.OtrLimits.DEFAULT);
        if (!(d instanceof dev.sotto.codecs.DecodeResult.Ok<dev.sotto.codecs.otr.SignedKeyBlock> ok)) {
            return null;
        }
        OtrLongTermKey key = new OtrLongTermKey(ok.value().publicKey(), e.privateX());
        // The private exponent must belong to the public key: y = g^x mod p.
        BigInteger x = new BigInteger(1, e.privateX().bytes());
        var pub = ok.value().publicKey();
        return pub.g().modPow(x, pub.p()).equals(pub.y()) ? key : null;
    }
}
