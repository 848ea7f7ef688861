package dev.sotto.vectors.rtp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sotto.codecs.rtp.ApplicationDefined;
import dev.sotto.codecs.rtp.Goodbye;
import dev.sotto.codecs.rtp.HeaderExtensionElement;
import dev.sotto.codecs.rtp.ReceiverReport;
import dev.sotto.codecs.rtp.ReportBlock;
import dev.sotto.codecs.rtp.RtcpCompoundPacket;
import dev.sotto.codecs.rtp.RtcpPacket;
import dev.sotto.codecs.rtp.RtpHeaderExtension;
import dev.sotto.codecs.rtp.RtpPacket;
import dev.sotto.codecs.rtp.SdesChunk;
import dev.sotto.codecs.rtp.SdesItem;
import dev.sotto.codecs.rtp.SenderReport;
import dev.sotto.codecs.rtp.SourceDescription;
import dev.sotto.codecs.rtp.UnknownRtcpPacket;
import java.util.HexFormat;
import java.util.List;

/** RTP and RTCP values as the JSON that {@code sotto-vectors parse rtp|rtcp} prints. */
final class RtpJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private RtpJson() {}

    static JsonNode rtp(RtpPacket p) {
        ObjectNode o = F.objectNode();
        o.put("version", 2);
        o.put("padding", p.padding());
        o.put("marker", p.marker());
        o.put("payloadType", p.payloadType());
        o.put("sequenceNumber", p.sequenceNumber());
        o.put("timestamp", p.timestamp());
        o.put("ssrc", p.ssrc());
        ArrayNode csrcs = o.putArray("csrcs");
        p.csrcs().forEach(csrcs::add);
        p.extension().ifPresent(e -> o.set("extension", extension(e)));
        o.put("headerLength", p.headerLength());
        o.put("payloadLength", p.payloadLength());
        o.put("paddingLength", p.paddingLength());
        return o;
    }

    private static JsonNode extension(RtpHeaderExtension e) {
        ObjectNode o = F.objectNode();
        o.put("profile", String.format("0x%04X", e.profile()));
        o.put("form", e.isOneByte() ? "one-byte" : e.isTwoByte() ? "two-byte" : "other");
        o.put("length", e.length());
        ArrayNode elements = o.putArray("elements");
        for (HeaderExtensionElement el : e.elements()) {
            elements.addObject().put("id", el.id()).put("data", HexFormat.of().formatHex(el.data()));
        }
        return o;
    }

    static JsonNode rtcp(RtcpCompoundPacket c) {
        ObjectNode o = F.objectNode();
        ArrayNode packets = o.putArray("packets");
        for (RtcpPacket p : c.packets()) {
            packets.add(packet(p));
        }
        return o;
    }

    private static JsonNode packet(RtcpPacket p) {
        ObjectNode o = F.objectNode();
        o.put("packetType", p.packetType());
        if (p instanceof SenderReport sr) {
            o.put("type", "SR").put("ssrc", sr.ssrc()).put("ntpTimestamp", Long.toUnsignedString(sr.ntpTimestamp()))
                    .put("rtpTimestamp", sr.rtpTimestamp()).put("packetCount", sr.packetCount())
                    .put("octetCount", sr.octetCount());
            o.set("reports", reports(sr.reports()));
        } else if (p instanceof ReceiverReport rr) {
            o.put("type", "RR").put("ssrc", rr.ssrc());
            o.set("reports", reports(rr.reports()));
        } else if (p instanceof SourceDescription sdes) {
            o.put("type", "SDES");
            ArrayNode chunks = o.putArray("chunks");
            for (SdesChunk ch : sdes.chunks()) {
                ObjectNode c = chunks.addObject().put("ssrc", ch.ssrc());
                ArrayNode items = c.putArray("items");
                for (SdesItem it : ch.items()) {
                    items.addObject().put("type", it.type()).put("value", it.value());
                }
            }
        } else if (p instanceof Goodbye bye) {
            o.put("type", "BYE");
            ArrayNode ssrcs = o.putArray("ssrcs");
            bye.ssrcs().forEach(ssrcs::add);
            bye.reason().ifPresent(r -> o.put("reason", r));
        } else if (p instanceof ApplicationDefined app) {
            o.put("type", "APP").put("subtype", app.subtype()).put("ssrc", app.ssrc()).put("name", app.name())
                    .put("dataLength", app.dataLength());
        } else if (p instanceof UnknownRtcpPacket u) {
            o.put("type", "unknown").put("count", u.count()).put("bodyLength", u.bodyLength());
        }
        return o;
    }

    private static ArrayNode reports(List<ReportBlock> blocks) {
        ArrayNode a = F.arrayNode();
        for (ReportBlock b : blocks) {
            a.addObject().put("ssrc", b.ssrc()).put("fractionLost", b.fractionLost())
                    .put("cumulativeLost", b.cumulativeLost()).put("extendedHighestSequence", b.extendedHighestSequence())
                    .put("jitter", b.jitter()).put("lastSr", b.lastSr()).put("delaySinceLastSr", b.delaySinceLastSr());
        }
        return a;
    }
}
