package dev.sotto.vectors.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * The input decodes.
 *
 * @param message the decoded structure, as printed by {@code parse}
 * @param violations deviations from the specification that Sotto tolerates (be liberal in what
 *     you accept), listed so that tests can tell a strict accept from a lenient one
 */
public record Accepted(JsonNode message, List<Violation> violations) implements ParseOutcome {

  public Accepted {
    Objects.requireNonNull(message, "message");
    violations = List.copyOf(violations);
  }
}
