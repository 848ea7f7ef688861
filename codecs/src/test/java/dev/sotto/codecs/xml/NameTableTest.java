package dev.sotto.codecs.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The name and namespace caches: a hit must be the very key (every byte compared, not only the length and the
 * first and last eight bytes that the hash uses), invalid names never enter, and the tables stay bounded.
 */
class NameTableTest {

    private static byte[] at(int offset, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        byte[] buf = new byte[offset + b.length + 3];
        System.arraycopy(b, 0, buf, offset, b.length);
        return buf;
    }

    private static XmlName lookup(NameTable t, String name, int offset) {
        byte[] buf = at(offset, name);
        return t.lookup(buf, offset, name.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void namesThatDifferOnlyInTheMiddleAreDifferentNames() {
        NameTable t = new NameTable();
        // 17 and 25 bytes: same length, same first and last eight bytes, one byte apart in the middle.
        for (String[] pair : new String[][] {{"aaaaaaaaXbbbbbbbb", "aaaaaaaaYbbbbbbbb"},
                {"p:aaaaaaXcccccccccccccccdd", "p:aaaaaaXccccccZccccccccdd"}}) {
            XmlName x = lookup(t, pair[0], 0);
            XmlName y = lookup(t, pair[1], 5);
            assertThat(x.qname()).isEqualTo(pair[0]);
            assertThat(y.qname()).isEqualTo(pair[1]);
            assertThat(lookup(t, pair[0], 3).qname()).isEqualTo(pair[0]);
            assertThat(lookup(t, pair[1], 0).qname()).isEqualTo(pair[1]);
        }
    }

    @Test
    void repeatedNameIsTheSameObjectWhereverItSitsInTheBuffer() {
        NameTable t = new NameTable();
        // Short names near the end of the buffer take the byte-by-byte head; others the 8-byte read.
        for (String n : new String[] {"q", "body", "d:query", "abcdefgh", "x:abcdefghi", "a-rather-long-element-name"}) {
            XmlName first = lookup(t, n, 0);
            assertThat(first.qname()).isEqualTo(n);
            for (int offset = 1; offset < 12; offset++) {
                byte[] b = n.getBytes(StandardCharsets.UTF_8);
                byte[] tight = new byte[offset + b.length];
                System.arraycopy(b, 0, tight, offset, b.length);
                assertThat(t.lookup(tight, offset, b.length)).isSameAs(first);
                assertThat(lookup(t, n, offset)).isSameAs(first);
            }
        }
    }

    @Test
    void invalidNamesAreRefusedEveryTime() {
        NameTable t = new NameTable();
        for (String n : new String[] {"a\"b", "1abc", "a:b:c", ":a", "a:", "-x", "é'"}) {
            assertThat(lookup(t, n, 0)).as(n).isNull();
            assertThat(lookup(t, n, 2)).as(n).isNull();
        }
    }

    @Test
    void manyDistinctNamesAllResolveCorrectly() {
        // Far more names than slots: evicted ones are parsed again, never confused with another.
        NameTable t = new NameTable();
        for (int round = 0; round < 2; round++) {
            for (int k = 0; k < 5000; k++) {
                String n = "n" + k + "x";
                assertThat(lookup(t, n, k % 7).qname()).isEqualTo(n);
            }
        }
    }

    @Test
    void namespaceNamesAreCachedByTheirWholeBytes() {
        NameTable t = new NameTable();
        String a = "urn:example:aaaaaaXbbbbbbbb";
        String b = "urn:example:aaaaaaYbbbbbbbb";
        byte[] ab = at(1, a);
        byte[] bb = at(0, b);
        String first = t.namespace(ab, 1, a.length());
        assertThat(first).isEqualTo(a);
        assertThat(t.namespace(bb, 0, b.length())).isEqualTo(b);
        assertThat(t.namespace(at(4, a), 4, a.length())).isSameAs(first);
        assertThat(t.namespace(at(0, "jabber:client"), 0, 13)).isEqualTo("jabber:client");
        assertThat(t.namespace(new byte[0], 0, 0)).isEmpty();
    }
}
