package dev.sotto.vectors.srtp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One vector file of {@code testvectors/vectors/srtp/}: {@code name: value} lines, '#' comments, values
 * continued on indented lines (hex split over lines and by spaces is joined).
 */
record VectorFile(String name, Map<String, String> fields) {

    /** Where the vector files live: the module's {@code vectors/} directory (tests run in the module). */
    static final Path DIR = Path.of(System.getProperty("sotto.vectors.dir", "vectors"), "srtp");

    static List<VectorFile> all() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.toString().endsWith(".txt")).sorted().map(VectorFile::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static VectorFile read(Path file) {
        Map<String, String> fields = new LinkedHashMap<>();
        String last = null;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (Character.isWhitespace(line.charAt(0)) && last != null) {
                    fields.put(last, fields.get(last) + line.trim());
                    continue;
                }
                int colon = line.indexOf(':');
                last = line.substring(0, colon).trim();
                fields.put(last, line.substring(colon + 1).trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new VectorFile(file.getFileName().toString(), fields);
    }

    String type() {
        return fields.get("type");
    }

    String text(String key) {
        String v = fields.get(key);
        if (v == null) {
            throw new IllegalArgumentException(name + " has no " + key);
        }
        return v;
    }

    byte[] hex(String key) {
        return HexFormat.of().parseHex(text(key).replace(" ", ""));
    }

    @Override
    public String toString() {
        return name;
    }
}
