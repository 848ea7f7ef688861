package dev.sotto.vectors.peers;

import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * What a running interop peer told the tests about itself: its {@code <name>.*} keys from the
 * peers file, with the {@code <name>.} prefix removed ({@code prosody.c2s.port} is {@code c2s.port}).
 */
public final class PeerInfo {

  private final String name;
  private final Map<String, String> properties;

  PeerInfo(String name, Map<String, String> properties) {
    this.name = name;
    this.properties = Map.copyOf(properties);
  }

  /** The peer's name, e.g. {@code prosody}. */
  public String name() {
    return name;
  }

  /** The value of {@code <name>.<key>}; fails the test when the peer script did not write it. */
  public String get(String key) {
    String value = properties.get(key);
    if (value == null) {
      throw new NoSuchElementException(
          "peer " + name + " has no key " + name + "." + key + "; it has " + new TreeMap<>(properties).keySet());
    }
    return value;
  }

  /** The integer value of {@code <name>.<key>}, e.g. {@code intValue("c2s.port")}. */
  public int intValue(String key) {
    return Integer.parseInt(get(key));
  }

  /** The value of {@code <name>.host}, the address the peer listens on. */
  public String host() {
    return get("host");
  }

  /** All of the peer's keys, without the {@code <name>.} prefix. */
  public Map<String, String> properties() {
    return properties;
  }

  /** Names the keys only: values may hold the test accounts' passwords. */
  @Override
  public String toString() {
    return "PeerInfo[" + name + ", keys=" + new TreeMap<>(properties).keySet() + "]";
  }
}
