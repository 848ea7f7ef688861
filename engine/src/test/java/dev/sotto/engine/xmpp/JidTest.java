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
}
