package dev.sotto.vectors.peers;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The started Prosody answers an initial stream header as RFC 6120 says, offering STARTTLS as required. */
class ProsodyStreamHeaderIT {

  private static final int READ_TIMEOUT_MS = 10_000;
  private static final int MAX_BYTES = 64 * 1024;
  private static final Pattern STREAM_HEADER = Pattern.compile("<stream:stream\\s[^>]*>");
  private static final Pattern FEATURES = Pattern.compile("<stream:features>(.*?)</stream:features>", Pattern.DOTALL);
  private static final Pattern STARTTLS = Pattern.compile("<starttls\\s[^>]*?(/>|>.*?</starttls>)", Pattern.DOTALL);
  private static final Pattern ATTRIBUTE = Pattern.compile("([\\w:.-]+)\\s*=\\s*(['\"])(.*?)\\2");

  @Test
  void answersWithAStreamHeaderAndRequiredStartTls() throws IOException {
    PeerInfo prosody = Peers.require("prosody");
    String domain = prosody.get("domain");

    String received;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(prosody.host(), prosody.intValue("c2s.port")), READ_TIMEOUT_MS);
      socket.setSoTimeout(READ_TIMEOUT_MS);
      OutputStream out = socket.getOutputStream();
      out.write(("<?xml version='1.0'?><stream:stream to='" + domain + "' version='1.0' xmlns='jabber:client'"
          + " xmlns:stream='http://etherx.jabber.org/streams'>").getBytes(UTF_8));
      out.flush();
      received = readUntilFeatures(socket.getInputStream());
      out.write("</stream:stream>".getBytes(UTF_8));
      out.flush();
    }

    // RFC 6120 §4.7: the response header carries from, id and version, in the client namespace.
    Matcher header = STREAM_HEADER.matcher(received);
    assertThat(header.find()).as("server stream header in %s", received).isTrue();
    Map<String, String> attributes = attributes(header.group());
    assertThat(attributes).containsEntry("from", domain)
        .containsEntry("version", "1.0")
        .containsEntry("xmlns", "jabber:client")
        .containsEntry("xmlns:stream", "http://etherx.jabber.org/streams");
    assertThat(attributes.get("id")).as("stream id (RFC 6120 §4.7.3)").isNotBlank();

    // RFC 6120 §5.3.1: STARTTLS is offered, and <required/> since this server demands TLS for c2s.
    Matcher features = FEATURES.matcher(received);
    assertThat(features.find()).as("<stream:features> in %s", received).isTrue();
    assertThat(features.start()).isGreaterThan(header.start());
    Matcher starttls = STARTTLS.matcher(features.group(1));
    assertThat(starttls.find()).as("<starttls> in %s", features.group()).isTrue();
    assertThat(attributes(starttls.group())).containsEntry("xmlns", "urn:ietf:params:xml:ns:xmpp-tls");
    assertThat(starttls.group()).as("STARTTLS must be required (RFC 6120 §5.3.1)").contains("<required/>");
    // With TLS required the server offers no SASL mechanism (so no PLAIN) before TLS.
    assertThat(features.group(1)).doesNotContain("<mechanisms");
  }

  /** Reads until the end of the first features element, the end of the stream, or EOF. */
  private static String readUntilFeatures(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    while (bytes.size() < MAX_BYTES) {
      int n;
      try {
        n = in.read(buffer);
      } catch (SocketTimeoutException e) {
        return fail("no </stream:features> within " + READ_TIMEOUT_MS + " ms; received: " + bytes.toString(UTF_8));
      }
      if (n < 0) {
        break;
      }
      bytes.write(buffer, 0, n);
      String text = bytes.toString(UTF_8);
      if (text.contains("</stream:features>") || text.contains("<stream:features/>") || text.contains("</stream:stream>")) {
        break;
      }
    }
    return bytes.toString(UTF_8);
  }

  private static Map<String, String> attributes(String tag) {
    Map<String, String> attributes = new HashMap<>();
    Matcher m = ATTRIBUTE.matcher(tag);
    while (m.find()) {
      attributes.put(m.group(1), m.group(3));
    }
    return attributes;
  }
}
