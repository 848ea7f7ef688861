package dev.sotto.engine.otr;

import java.math.BigInteger;

/**
 * The SMP state of OTR v3 "The SMP state machine": one record per expected message, with the values each
 * step stores "for use later in the protocol". {@link AwaitingSecret} is SMPSTATE_EXPECT1 after a valid
 * message 1 whose answer waits for the user's secret.
 */
public sealed interface SmpState {

    /** SMPSTATE_EXPECT1. */
    record Expect1() implements SmpState {
        public static final Expect1 INSTANCE = new Expect1();
    }

    /** SMPSTATE_EXPECT1 with a verified message 1 (and its optional question) waiting for our secret. */
    record AwaitingSecret(BigInteger g2a, BigInteger g3a, String question) implements SmpState {
        @Override
        public String toString() {
            return "AwaitingSecret";
        }
    }

    /** SMPSTATE_EXPECT2: we sent message 1. */
    record Expect2(BigInteger x, BigInteger a2, BigInteger a3) implements SmpState {
        @Override
        public String toString() {
            return "Expect2";
        }
    }

    /** SMPSTATE_EXPECT3: we sent message 2. */
    record Expect3(BigInteger g3a, BigInteger g2, BigInteger g3, BigInteger b3, BigInteger pb, BigInteger qb)
            implements SmpState {
        @Override
        public String toString() {
            return "Expect3";
        }
    }

    /** SMPSTATE_EXPECT4: we sent message 3. */
    record Expect4(BigInteger g3b, BigInteger paOverPb, BigInteger qaOverQb, BigInteger a3) implements SmpState {
        @Override
        public String toString() {
            return "Expect4";
        }
    }
}
