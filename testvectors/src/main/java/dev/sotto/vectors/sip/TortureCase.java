package dev.sotto.vectors.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One line of {@code vectors/sip/verdicts.tsv}: a torture message, the verdict its RFC section gives, and what
 * Sotto's parser must do with it.
 *
 * @param file       path under the vectors root, e.g. {@code sip/rfc4475/wsinv.dat}
 * @param rfc        4475 or 5118
 * @param section    the RFC section ("-" when none describes the file)
 * @param rfcVerdict valid, invalid, semantic (parses; the application answers) or unlisted
 * @param expect     "accept" or "reject:CONDITION"
 * @param violations the tolerated violations an accepted message must list, by {@code SipViolation} name
 * @param published  "as-is", or "content-length-exceeds-body" for files whose Content-Length is larger than
 *                   their body
 * @param title      the section title
 */
public record TortureCase(String file, String rfc, String section, String rfcVerdict, String expect,
                          Set<String> violations, String published, String title) {

    public boolean accept() {
        return expect.equals("accept");
    }

    /** The Malformed condition of a rejected message. */
    public String condition() {
        return expect.startsWith("reject:") ? expect.substring("reject:".length()) : null;
    }

    /** A short name: the file name. */
    public String id() {
        return file.substring(file.lastIndexOf('/') + 1);
    }

    /** Parses verdicts.tsv. */
    public static List<TortureCase> parseTable(String tsv) {
        List<TortureCase> out = new ArrayList<>();
        for (String line : tsv.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 8) {
                throw new IllegalArgumentException("verdicts.tsv: 8 columns expected in: " + line);
            }
            Set<String> v = new TreeSet<>();
            if (!f[5].equals("-")) {
                v.addAll(List.of(f[5].split(",")));
            }
            out.add(new TortureCase("sip/" + f[0], f[1], f[2], f[3], f[4], v, f[6], f[7]));
        }
        return out;
    }
}
