package dev.sotto.engine.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 7622 §3.1 structure. */
class JidTest {

    @Test
    void parsesTheThreeForms() {
        assertThat(Jid.parse("juliet@example.com/balcony")).isEqualTo(new Jid("juliet", "example.com", "balcony"));
        assertThat(Jid.parse("juliet@example.com")).isEqualTo(new Jid("juliet", "example.com", null));
        assertThat(Jid.parse("example.com")).isEqualTo(new Jid(null, "example.com", null));
        // RFC 7622 §3.1: the first '/' starts the resource, which may contain '@' and '/'.
        assertThat(Jid.parse("a@b/c@d/e")).isEqualTo(new Jid("a", "b", "c@d/e"));
        assertThat(Jid.parse("a@EXAMPLE.com.")).isEqualTo(new Jid("a", "example.com", null));
        assertThat(Jid.parse("juliet@example.com/balcony").bare().toString()).isEqualTo("juliet@example.com");
        // What a JID prints parses back to the same JID.
        for (String s : new String[] {"a@EXAMPLE.com.", "example.com.", "a@b/c@d/e", "[::1]", "a@192.0.2.1/x"}) {
            Jid j = Jid.parse(s);
            assertThat(Jid.parse(j.toString())).as("%s", s).isEqualTo(j);
        }
    }

    @Test
    void refusesBrokenAddresses() {
        for (String bad : new String[] {"", "@example.com", "a@", "a@b/", "a@b@c", "a b@c", "a@b\u0000", "a<@b",
            "x".repeat(1024) + "@b", "a@b..", "b..", "a@.b", "a@b..c", "alice............", null}) {
            assertThat(Jid.parse(bad)).as("%s", bad).isNull();
        }
    }

    /**
     * equals and hashCode are spelled out (issue 10's start-up): they must still be the record's value semantics, for
     * JIDs and for the conversations made of them. Seeded random parts, some null, some equal by chance (seed printed).
     */
    @Test
    void equalityIsComponentWise() {
        long seed = System.nanoTime();
        System.out.println("JidTest.equalityIsComponentWise seed " + seed);
        java.util.Random random = new java.util.Random(seed);
        String[] parts = {null, "a", "b", "A", "ab"};
        for (int i = 0; i < 5000; i++) {
            String l1 = parts[random.nextInt(parts.length)];
            String r1 = parts[random.nextInt(parts.length)];
            String d1 = parts[1 + random.nextInt(parts.length - 1)];
            String l2 = random.nextBoolean() ? l1 : parts[random.nextInt(parts.length)];
            String r2 = random.nextBoolean() ? r1 : parts[random.nextInt(parts.length)];
            String d2 = random.nextBoolean() ? d1 : parts[1 + random.nextInt(parts.length - 1)];
            // Fresh strings, so equality cannot come from identity.
            Jid a = new Jid(copy(l1), copy(d1), copy(r1));
            Jid b = new Jid(copy(l2), copy(d2), copy(r2));
            boolean same = java.util.Objects.equals(l1, l2) && d1.equals(d2) && java.util.Objects.equals(r1, r2);
            assertThat(a.equals(b)).as("seed %d: %s / %s", seed, a, b).isEqualTo(same);
            assertThat(b.equals(a)).isEqualTo(same);
            if (same) {
                assertThat(a.hashCode()).isEqualTo(b.hashCode());
            }
            boolean sameBare = java.util.Objects.equals(l1, l2) && d1.equals(d2);
            Jid account = new Jid("me", "example.org", null);
            assertThat(new dev.sotto.engine.Conversation(account, a).equals(new dev.sotto.engine.Conversation(account, b)))
                    .as("seed %d", seed).isEqualTo(sameBare);
            if (sameBare) {
                assertThat(new dev.sotto.engine.Conversation(account, a).hashCode())
                        .isEqualTo(new dev.sotto.engine.Conversation(account, b).hashCode());
            }
            assertThat(a.equals(null)).isFalse();
            assertThat(a.equals(d1)).isFalse();
        }
    }

    private static String copy(String s) {
        return s == null ? null : new String(s.toCharArray());
    }
}
