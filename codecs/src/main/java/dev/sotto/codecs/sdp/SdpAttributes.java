package dev.sotto.codecs.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** Typed views of the a= lines of a session or media section; values that break their grammar are skipped. */
public interface SdpAttributes {

    List<Attribute> attributes();

    /** Every attribute called {@code name} (attribute names are case-sensitive, RFC 8866 §5.13). */
    default List<Attribute> attributes(String name) {
        List<Attribute> out = new ArrayList<>(2);
        for (Attribute a : attributes()) {
            if (a.name().equals(name)) {
                out.add(a);
            }
        }
        return out;
    }

    default Optional<Attribute> attribute(String name) {
        for (Attribute a : attributes()) {
            if (a.name().equals(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    default boolean hasFlag(String name) {
        return attribute(name).isPresent();
    }

    default List<Rtpmap> rtpmaps() {
        List<Rtpmap> out = new ArrayList<>(4);
        for (Attribute a : attributes("rtpmap")) {
            Rtpmap x = a.value() == null ? null : Rtpmap.parse(a.value());
            if (x != null) {
                out.add(x);
            }
        }
        return out;
    }

    default Optional<Rtpmap> rtpmap(int payloadType) {
        for (Rtpmap r : rtpmaps()) {
            if (r.payloadType() == payloadType) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    default List<Fmtp> fmtps() {
        List<Fmtp> out = new ArrayList<>(2);
        for (Attribute a : attributes("fmtp")) {
            Fmtp x = a.value() == null ? null : Fmtp.parse(a.value());
            if (x != null) {
                out.add(x);
            }
        }
        return out;
    }

    default Optional<Fmtp> fmtp(String format) {
        for (Fmtp f : fmtps()) {
            if (f.format().equals(format)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** a=ptime (RFC 8866 §6.4), in milliseconds: an integer or a decimal; empty when absent or malformed. */
    default OptionalDouble ptime() {
        Optional<Attribute> a = attribute("ptime");
        if (a.isEmpty() || a.get().value() == null) {
            return OptionalDouble.empty();
        }
        String v = a.get().value();
        int dot = v.indexOf('.');
        boolean ok = dot < 0 ? Sdp.isDigits(v)
                : Sdp.isDigits(v.substring(0, dot)) && Sdp.isDigits(v.substring(dot + 1));
        return ok && v.length() <= 20 ? OptionalDouble.of(Double.parseDouble(v)) : OptionalDouble.empty();
    }

    /** The direction attribute written here, if any (the effective one also looks at the session). */
    default Optional<MediaDirection> directionAttribute() {
        for (Attribute a : attributes()) {
            MediaDirection d = a.value() == null ? MediaDirection.of(a.name()) : null;
            if (d != null) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    default Optional<RtcpAttribute> rtcp() {
        return attribute("rtcp").map(a -> a.value() == null ? null : RtcpAttribute.parse(a.value()));
    }

    /** RFC 5761 §5.1.1: a=rtcp-mux. */
    default boolean rtcpMux() {
        return hasFlag("rtcp-mux");
    }

    default List<Crypto> cryptos() {
        List<Crypto> out = new ArrayList<>(2);
        for (Attribute a : attributes("crypto")) {
            Crypto x = a.value() == null ? null : Crypto.parse(a.value());
            if (x != null) {
                out.add(x);
            }
        }
        return out;
    }

    default List<ZrtpHash> zrtpHashes() {
        List<ZrtpHash> out = new ArrayList<>(1);
        for (Attribute a : attributes("zrtp-hash")) {
            ZrtpHash x = a.value() == null ? null : ZrtpHash.parse(a.value());
            if (x != null) {
                out.add(x);
            }
        }
        return out;
    }
}
