package dev.sotto.engine.xmpp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One SRV record's target (RFC 2782): where to connect and in which order. Parsing never throws on hostile bytes:
 * a record that does not parse is {@code null} and skipped.
 *
 * @param priority lower is tried first
 * @param weight relative share among records of the same priority
 * @param port the port
 * @param host the target host name without the trailing dot; "." (no service) is {@code "."}
 */
public record SrvTarget(int priority, int weight, int port, String host) {

    /** Longest name we accept (RFC 1035 §2.3.4: 255 octets). */
    private static final int MAX_NAME = 255;

    /**
     * The SRV RDATA (RFC 2782: priority, weight, port, target), or {@code null} when malformed. The target must
     * not be compressed (RFC 2782: "name compression is not to be used for this field").
     */
    public static SrvTarget parse(byte[] rdata) {
        if (rdata.length < 7) {
            return null;
        }
        int priority = u16(rdata, 0);
        int weight = u16(rdata, 2);
        int port = u16(rdata, 4);
        StringBuilder name = new StringBuilder();
        int pos = 6;
        while (true) {
            if (pos >= rdata.length) {
                return null;
            }
            int len = rdata[pos] & 0xff;
            pos++;
            if (len == 0) {
                break;
            }
            if ((len & 0xc0) != 0 || pos + len > rdata.length) {
                return null; // a compression pointer or a label past the end
            }
            if (name.length() > 0) {
                name.append('.');
            }
            name.append(new String(rdata, pos, len, StandardCharsets.US_ASCII));
            pos += len;
            if (name.length() > MAX_NAME) {
                return null;
            }
        }
        if (pos != rdata.length) {
            return null;
        }
        return new SrvTarget(priority, weight, port, name.length() == 0 ? "." : name.toString());
    }

    /** Whether this is the "service decidedly not available" record (RFC 2782: target "."). */
    public boolean noService() {
        return host.equals(".");
    }

    /**
     * The order to try {@code records} in (RFC 2782 "Usage rules"): by priority, and within one priority a
     * weighted random order (a record of weight 0 has a small chance to go first).
     */
    public static List<SrvTarget> order(List<SrvTarget> records, RandomGenerator random) {
        List<SrvTarget> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparingInt(SrvTarget::priority));
        List<SrvTarget> out = new ArrayList<>();
        int i = 0;
        while (i < sorted.size()) {
            int p = sorted.get(i).priority();
            List<SrvTarget> group = new ArrayList<>();
            while (i < sorted.size() && sorted.get(i).priority() == p) {
                group.add(sorted.get(i++));
            }
            // Zero weights first, as RFC 2782 asks, then pick by running sum.
            group.sort(Comparator.comparingInt(SrvTarget::weight));
            while (!group.isEmpty()) {
                long total = 0;
                for (SrvTarget t : group) {
                    total += t.weight();
                }
                long pick = total == 0 ? 0 : random.nextLong(total + 1);
                long running = 0;
                int chosen = group.size() - 1;
                for (int k = 0; k < group.size(); k++) {
                    running += group.get(k).weight();
                    if (running >= pick) {
                        chosen = k;
                        break;
                    }
                }
                out.add(group.remove(chosen));
            }
        }
        return out;
    }

    private static int u16(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }
}
