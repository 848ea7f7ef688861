package dev.sotto.vectors.selftest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sotto.vectors.spi.Accepted;
import dev.sotto.vectors.spi.CodecTool;
import dev.sotto.vectors.spi.ParseOutcome;
import dev.sotto.vectors.spi.Rejected;
import dev.sotto.vectors.spi.Violation;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Test-only codec: {@code ok:TEXT} is accepted, {@code lenient:TEXT} is accepted with a violation,
 * {@code boom} makes it throw (a bug, exit 3), anything else is rejected at the first byte that
 * does not match {@code ok:}.
 */
public final class SelftestCodecTool implements CodecTool {

  @Override
  public String name() {
    return "selftest";
  }

  @Override
  public ParseOutcome parse(byte[] input, boolean stream) {
    String text = new String(input, StandardCharsets.US_ASCII);
    if (text.equals("boom")) {
      throw new IllegalStateException("selftest codec bug");
    }
    if (text.startsWith("ok:")) {
      return new Accepted(tree(text.substring(3), stream), List.of());
    }
    if (text.startsWith("lenient:")) {
      return new Accepted(
          tree(text.substring(8), stream), List.of(new Violation("selftest-lenient", 0)));
    }
    int offset = 0;
    while (offset < input.length && offset < 3 && input[offset] == "ok:".charAt(offset)) {
      offset++;
    }
    return new Rejected("selftest-malformed", offset);
  }

  private static ObjectNode tree(String payload, boolean stream) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("payload", payload);
    node.put("stream", stream);
    return node;
  }
}
