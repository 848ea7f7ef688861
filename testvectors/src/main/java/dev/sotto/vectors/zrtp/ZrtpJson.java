package dev.sotto.vectors.zrtp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sotto.codecs.zrtp.CommitMessage;
import dev.sotto.codecs.zrtp.CommitMode;
import dev.sotto.codecs.zrtp.Confirm1Message;
import dev.sotto.codecs.zrtp.Confirm2Message;
import dev.sotto.codecs.zrtp.DhPart1Message;
import dev.sotto.codecs.zrtp.DhPart2Message;
import dev.sotto.codecs.zrtp.ErrorMessage;
import dev.sotto.codecs.zrtp.GoClearMessage;
import dev.sotto.codecs.zrtp.HelloMessage;
import dev.sotto.codecs.zrtp.PingAckMessage;
import dev.sotto.codecs.zrtp.PingMessage;
import dev.sotto.codecs.zrtp.SasRelayMessage;
import dev.sotto.codecs.zrtp.ZrtpMessage;
import dev.sotto.codecs.zrtp.ZrtpPacket;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * A ZRTP packet as the JSON that {@code sotto-vectors parse zrtp} prints. Everything in a ZRTP packet is sent
 * in the clear (the Confirm and SASrelay regions stay encrypted), so all fields are printed.
 */
final class ZrtpJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final HexFormat HEX = HexFormat.of();

    private ZrtpJson() {}

    static JsonNode packet(ZrtpPacket p) {
        ObjectNode o = F.objectNode();
        o.put("sequenceNumber", p.sequenceNumber());
        o.put("ssrc", p.ssrc());
        o.put("type", p.message().type().block().trim());
        o.put("messageLength", p.messageBytes().length);
        o.set("message", message(p.message()));
        return o;
    }

    private static <T> ArrayNode names(List<T> list, Function<T, String> name) {
        ArrayNode a = F.arrayNode();
        list.forEach(x -> a.add(name.apply(x)));
        return a;
    }

    static JsonNode message(ZrtpMessage m) {
        ObjectNode o = F.objectNode();
        if (m instanceof HelloMessage h) {
            o.put("version", h.version());
            o.put("clientId", h.clientId());
            o.put("h3", HEX.formatHex(h.h3()));
            o.put("zid", HEX.formatHex(h.zid()));
            o.put("signatureCapable", h.signatureCapable());
            o.put("mitm", h.mitm());
            o.put("passive", h.passive());
            o.set("hashes", names(h.hashes(), x -> x.name()));
            o.set("ciphers", names(h.ciphers(), x -> x.name()));
            o.set("authTags", names(h.authTags(), x -> x.name()));
            o.set("keyAgreements", names(h.keyAgreements(), x -> x.name()));
            o.set("sasTypes", names(h.sasTypes(), x -> x.name()));
            o.put("mac", HEX.formatHex(h.mac()));
        } else if (m instanceof CommitMessage c) {
            o.put("h2", HEX.formatHex(c.h2()));
            o.put("zid", HEX.formatHex(c.zid()));
            o.put("hash", c.hash().name());
            o.put("cipher", c.cipher().name());
            o.put("authTag", c.authTag().name());
            o.put("keyAgreement", c.keyAgreement().name());
            o.put("sasType", c.sasType().name());
            if (c.mode() instanceof CommitMode.DiffieHellman dh) {
                o.put("mode", "dh");
                o.put("hvi", HEX.formatHex(dh.hvi()));
            } else if (c.mode() instanceof CommitMode.Multistream ms) {
                o.put("mode", "multistream");
                o.put("nonce", HEX.formatHex(ms.nonce()));
            } else if (c.mode() instanceof CommitMode.Preshared ps) {
                o.put("mode", "preshared");
                o.put("nonce", HEX.formatHex(ps.nonce()));
                o.put("keyId", HEX.formatHex(ps.keyId()));
            }
            o.put("mac", HEX.formatHex(c.mac()));
        } else if (m instanceof DhPart1Message d) {
            dhPart(o, d.h1(), d.rs1Id(), d.rs2Id(), d.auxsecretId(), d.pbxsecretId(), d.publicValue(), d.mac());
        } else if (m instanceof DhPart2Message d) {
            dhPart(o, d.h1(), d.rs1Id(), d.rs2Id(), d.auxsecretId(), d.pbxsecretId(), d.publicValue(), d.mac());
        } else if (m instanceof Confirm1Message c) {
            encrypted(o, "confirmMac", c.confirmMac(), c.cfbIv(), c.encrypted());
        } else if (m instanceof Confirm2Message c) {
            encrypted(o, "confirmMac", c.confirmMac(), c.cfbIv(), c.encrypted());
        } else if (m instanceof SasRelayMessage s) {
            encrypted(o, "mac", s.mac(), s.cfbIv(), s.encrypted());
        } else if (m instanceof ErrorMessage e) {
            o.put("code", e.code());
            o.put("codeHex", String.format("0x%X", e.code()));
            e.known().ifPresent(k -> o.put("meaning", k.name()));
        } else if (m instanceof GoClearMessage g) {
            o.put("clearMac", HEX.formatHex(g.clearMac()));
        } else if (m instanceof PingMessage p) {
            o.put("version", p.version());
            o.put("endpointHash", HEX.formatHex(p.endpointHash()));
        } else if (m instanceof PingAckMessage p) {
            o.put("version", p.version());
            o.put("senderEndpointHash", HEX.formatHex(p.senderEndpointHash()));
            o.put("receivedEndpointHash", HEX.formatHex(p.receivedEndpointHash()));
            o.put("receivedSsrc", p.receivedSsrc());
        }
        return o;
    }

    private static void dhPart(ObjectNode o, byte[] h1, byte[] rs1, byte[] rs2, byte[] aux, byte[] pbx, byte[] pv,
            byte[] mac) {
        o.put("h1", HEX.formatHex(h1));
        o.put("rs1Id", HEX.formatHex(rs1));
        o.put("rs2Id", HEX.formatHex(rs2));
        o.put("auxsecretId", HEX.formatHex(aux));
        o.put("pbxsecretId", HEX.formatHex(pbx));
        o.put("publicValueLength", pv.length);
        o.put("publicValue", HEX.formatHex(pv));
        o.put("mac", HEX.formatHex(mac));
    }

    private static void encrypted(ObjectNode o, String macName, byte[] mac, byte[] iv, byte[] encrypted) {
        o.put(macName, HEX.formatHex(mac));
        o.put("cfbIv", HEX.formatHex(iv));
        o.put("encryptedLength", encrypted.length);
    }
}
