package dev.sotto.vectors.otr;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sotto.codecs.DecodeResult;
import dev.sotto.codecs.otr.DataMessage;
import dev.sotto.codecs.otr.DhCommitMessage;
import dev.sotto.codecs.otr.DhKeyMessage;
import dev.sotto.codecs.otr.EncodedMessage;
import dev.sotto.codecs.otr.OtrLimits;
import dev.sotto.codecs.otr.OtrText;
import dev.sotto.codecs.otr.OtrTextCodec;
import dev.sotto.codecs.otr.RevealSignatureMessage;
import dev.sotto.codecs.otr.SignatureMessage;
import dev.sotto.vectors.spi.Accepted;
import dev.sotto.vectors.spi.CodecTool;
import dev.sotto.vectors.spi.ParseOutcome;
import dev.sotto.vectors.spi.Rejected;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * {@code sotto-vectors parse otr}: one OTR chat message body (UTF-8) classified and, for encoded messages,
 * decoded. Plaintext content is never printed, only its length.
 */
public final class OtrCodecTool implements CodecTool {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Override
    public String name() {
        return "otr";
    }

    @Override
    public ParseOutcome parse(byte[] input, boolean stream) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(input)).toString();
        } catch (CharacterCodingException e) {
            return new Rejected("invalid-utf8", 0);
        }
        DecodeResult<OtrText> d = OtrTextCodec.decode(text, OtrLimits.DEFAULT);
        if (d instanceof DecodeResult.Malformed<OtrText> bad) {
            return new Rejected(condition(bad.condition()), bad.offset());
        }
        return new Accepted(json(((DecodeResult.Ok<OtrText>) d).value()), List.of());
    }

    static String condition(String c) {
        return c.toLowerCase(Locale.ROOT).replace(' ', '-');
    }

    private static ObjectNode json(OtrText t) {
        ObjectNode o = JSON.objectNode();
        if (t instanceof OtrText.QueryMessage q) {
            o.put("type", "query");
            q.versions().stream().sorted().forEach(o.putArray("versions")::add);
        } else if (t instanceof OtrText.ErrorMessage e) {
            o.put("type", "error").put("detailsLength", e.details().length());
        } else if (t instanceof OtrText.Plaintext p) {
            o.put("type", "plaintext").put("length", p.text().length()).put("whitespaceTag", p.tagged());
            p.taggedVersions().stream().sorted().forEach(o.putArray("versions")::add);
        } else if (t instanceof OtrText.Fragment f) {
            o.put("type", "fragment").put("version", f.version())
                    .put("senderInstance", String.format("%08x", f.senderInstance()))
                    .put("receiverInstance", String.format("%08x", f.receiverInstance())).put("k", f.k())
                    .put("n", f.n()).put("pieceLength", f.piece().length());
        } else if (t instanceof OtrText.Encoded e) {
            encoded(o, e.message());
        }
        return o;
    }

    private static void encoded(ObjectNode o, EncodedMessage m) {
        o.put("version", m.version()).put("senderInstance", String.format("%08x", m.senderInstance()))
                .put("receiverInstance", String.format("%08x", m.receiverInstance()));
        if (m instanceof DhCommitMessage c) {
            o.put("type", "dh-commit").put("encryptedGxLength", c.encryptedGx().length)
                    .put("hashedGxLength", c.hashedGx().length);
        } else if (m instanceof DhKeyMessage k) {
            o.put("type", "dh-key").put("gyBits", k.gy().bitLength());
        } else if (m instanceof RevealSignatureMessage r) {
            o.put("type", "reveal-signature").put("revealedKeyLength", r.revealedKey().length)
                    .put("encryptedSignatureLength", r.encryptedSignature().length);
        } else if (m instanceof SignatureMessage s) {
            o.put("type", "signature").put("encryptedSignatureLength", s.encryptedSignature().length);
        } else if (m instanceof DataMessage d) {
            o.put("type", "data").put("flags", d.flags()).put("senderKeyId", Integer.toUnsignedLong(d.senderKeyId()))
                    .put("recipientKeyId", Integer.toUnsignedLong(d.recipientKeyId()))
                    .put("nextDhBits", d.nextDh().bitLength())
                    .put("encryptedLength", d.encryptedMessage().length)
                    .put("oldMacKeys", d.oldMacKeys().length / 20);
        }
    }
}
