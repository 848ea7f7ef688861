package dev.sotto.vectors.sip;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sotto.codecs.sdp.Attribute;
import dev.sotto.codecs.sdp.Bandwidth;
import dev.sotto.codecs.sdp.Connection;
import dev.sotto.codecs.sdp.Crypto;
import dev.sotto.codecs.sdp.CryptoKeyParam;
import dev.sotto.codecs.sdp.Fmtp;
import dev.sotto.codecs.sdp.MediaDescription;
import dev.sotto.codecs.sdp.Rtpmap;
import dev.sotto.codecs.sdp.SdpAttributes;
import dev.sotto.codecs.sdp.SessionDescription;
import dev.sotto.codecs.sdp.Timing;
import dev.sotto.codecs.sdp.ZrtpHash;
import java.util.List;

/**
 * A session description as JSON for {@code sotto-vectors parse sdp}. SRTP keys (a=crypto inline key||salt) and
 * k= lines are never printed: only their presence and length.
 */
final class SdpJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private SdpJson() {
    }

    static ObjectNode session(SessionDescription d) {
        ObjectNode o = F.objectNode();
        o.put("version", d.version());
        ObjectNode origin = o.putObject("origin");
        origin.put("username", d.origin().username());
        origin.put("sessionId", d.origin().sessionId());
        origin.put("sessionVersion", d.origin().sessionVersion());
        origin.put("netType", d.origin().netType());
        origin.put("addrType", d.origin().addrType());
        origin.put("address", d.origin().address());
        o.put("sessionName", d.sessionName());
        SipJson.putIfNotNull(o, "information", d.information());
        SipJson.putIfNotNull(o, "uri", d.uri());
        d.emails().forEach(o.putArray("emails")::add);
        d.phones().forEach(o.putArray("phones")::add);
        if (d.connection() != null) {
            o.set("connection", connection(d.connection()));
        }
        o.set("bandwidths", bandwidths(d.bandwidths()));
        ArrayNode ts = o.putArray("timings");
        for (Timing t : d.timings()) {
            ObjectNode x = ts.addObject();
            x.put("start", t.start());
            x.put("stop", t.stop());
            t.repeats().forEach(x.putArray("repeats")::add);
        }
        SipJson.putIfNotNull(o, "zoneAdjustments", d.zoneAdjustments());
        if (d.key() != null) {
            o.put("key", "<hidden>");
        }
        attributes(o, d);
        ArrayNode media = o.putArray("media");
        for (MediaDescription m : d.media()) {
            ObjectNode x = media.addObject();
            x.put("media", m.media());
            x.put("port", m.port());
            if (m.portCount() >= 0) {
                x.put("portCount", m.portCount());
            }
            x.put("proto", m.proto());
            m.formats().forEach(x.putArray("formats")::add);
            SipJson.putIfNotNull(x, "information", m.information());
            ArrayNode cs = x.putArray("connections");
            m.connections().forEach(c -> cs.add(connection(c)));
            x.set("bandwidths", bandwidths(m.bandwidths()));
            if (m.key() != null) {
                x.put("key", "<hidden>");
            }
            x.put("direction", d.direction(m).attributeName());
            attributes(x, m);
        }
        return o;
    }

    private static void attributes(ObjectNode o, SdpAttributes a) {
        ArrayNode list = o.putArray("attributes");
        for (Attribute at : a.attributes()) {
            ObjectNode x = list.addObject();
            x.put("name", at.name());
            if (at.name().equals("crypto")) {
                x.put("value", "<see crypto>");
            } else if (at.value() != null) {
                x.put("value", at.value());
            }
        }
        ArrayNode rtpmaps = o.putArray("rtpmap");
        for (Rtpmap r : a.rtpmaps()) {
            ObjectNode x = rtpmaps.addObject();
            x.put("payloadType", r.payloadType());
            x.put("encodingName", r.encodingName());
            x.put("clockRate", r.clockRate());
            SipJson.putIfNotNull(x, "encodingParameters", r.encodingParameters());
        }
        ArrayNode fmtps = o.putArray("fmtp");
        for (Fmtp f : a.fmtps()) {
            ObjectNode x = fmtps.addObject();
            x.put("format", f.format());
            x.put("parameters", f.parameters());
        }
        a.ptime().ifPresent(p -> o.put("ptime", p));
        a.directionAttribute().ifPresent(d -> o.put("directionAttribute", d.attributeName()));
        a.rtcp().ifPresent(r -> {
            ObjectNode x = o.putObject("rtcp");
            x.put("port", r.port());
            if (r.connection() != null) {
                x.set("connection", connection(r.connection()));
            }
        });
        o.put("rtcpMux", a.rtcpMux());
        ArrayNode cryptos = o.putArray("crypto");
        for (Crypto c : a.cryptos()) {
            ObjectNode x = cryptos.addObject();
            x.put("tag", c.tag());
            x.put("suite", c.suite());
            ArrayNode kps = x.putArray("keyParams");
            for (CryptoKeyParam k : c.keyParams()) {
                ObjectNode y = kps.addObject();
                y.put("method", k.method());
                y.put("keySalt", "<hidden>");
                if (k.method().equals("inline")) {
                    y.put("keySaltLength", k.keySalt().length);
                }
                SipJson.putIfNotNull(y, "lifetime", k.lifetime());
                if (k.mkiLength() >= 0) {
                    y.put("mkiValue", k.mkiValue());
                    y.put("mkiLength", k.mkiLength());
                }
            }
            c.sessionParams().forEach(x.putArray("sessionParams")::add);
        }
        ArrayNode hashes = o.putArray("zrtpHash");
        for (ZrtpHash z : a.zrtpHashes()) {
            ObjectNode x = hashes.addObject();
            x.put("version", z.version());
            x.put("hash", z.hashHex());
        }
    }

    private static ObjectNode connection(Connection c) {
        ObjectNode o = F.objectNode();
        o.put("netType", c.netType());
        o.put("addrType", c.addrType());
        o.put("address", c.address());
        return o;
    }

    private static ArrayNode bandwidths(List<Bandwidth> list) {
        ArrayNode a = F.arrayNode();
        for (Bandwidth b : list) {
            ObjectNode o = a.addObject();
            o.put("type", b.type());
            o.put("value", b.value());
        }
        return a;
    }
}
