package dev.sotto.vectors.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sotto.vectors.spi.Accepted;
import dev.sotto.vectors.spi.ParseOutcome;
import dev.sotto.vectors.spi.Rejected;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** {@code sotto-vectors parse xmpp}: streams, bare stanzas, refusals with their RFC condition. */
class XmppCodecToolTest {
    private final XmppCodecTool tool = new XmppCodecTool();

    private ParseOutcome parse(String s) {
        return tool.parse(s.getBytes(StandardCharsets.UTF_8), true);
    }

    @Test
    void registeredThroughServiceLoader() {
        assertThat(ServiceLoader.load(dev.sotto.vectors.spi.CodecTool.class).stream()
                .map(p -> p.get().name())).contains("xmpp");
        assertThat(ServiceLoader.load(dev.sotto.vectors.spi.VectorSuite.class).stream()
                .map(p -> p.get().name())).contains("xmpp-corpus", "xmpp-refusals");
    }

    @Test
    void bareStanzaIsReadInsideAJabberClientStream() {
        Accepted a = (Accepted) parse("<message to='romeo@example.net'><body>Hi 😀</body></message>");
        JsonNode events = a.message().get("events");
        assertThat(a.message().get("stanzaMode").asBoolean()).isTrue();
        assertThat(events).hasSize(1);
        JsonNode m = events.get(0).get("element");
        assertThat(m.get("ns").asText()).isEqualTo("jabber:client");
        assertThat(m.get("name").asText()).isEqualTo("message");
        assertThat(m.get("attributes").get(0).get("value").asText()).isEqualTo("romeo@example.net");
        assertThat(m.get("children").get(0).get("children").get(0).get("text").asText()).isEqualTo("Hi 😀");
    }

    @Test
    void streamGivesHeaderElementsAndClose() {
        Accepted a = (Accepted) parse("<?xml version='1.0'?><stream:stream to='im.example.com' version='1.0'"
                + " xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'><presence/></stream:stream>");
        JsonNode events = a.message().get("events");
        assertThat(events).hasSize(3);
        assertThat(events.get(0).get("event").asText()).isEqualTo("StreamOpen");
        assertThat(events.get(0).get("declaration").get("version").asText()).isEqualTo("1.0");
        assertThat(events.get(2).get("event").asText()).isEqualTo("StreamClose");
    }

    @Test
    void refusalCarriesTheConditionAndTheOffsetInTheInput() {
        // "<message><!--": the decoder knows at the '-' after "<!", offset 11 of the input.
        assertThat(parse("<message><!-- x --></message>")).isEqualTo(new Rejected("restricted-xml", 11));
    }

    @Test
    void inputEndingInsideAnElementIsIncomplete() {
        assertThat(parse("<message><body>half")).isEqualTo(new Rejected("incomplete", 19));
    }
}
