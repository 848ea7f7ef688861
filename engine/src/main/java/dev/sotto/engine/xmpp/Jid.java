package dev.sotto.engine.xmpp;

/**
 * An XMPP address (RFC 7622 §3.1): {@code [localpart@]domainpart[/resourcepart]}. Parsing checks the structure
 * and lengths (1..1023 bytes per part, RFC 7622 §3.2-§3.4) and lower-cases the domain; full PRECIS enforcement
 * of the localpart and resourcepart is not done yet.
 *
 * @param local the localpart or {@code null}
 * @param domain the domainpart, never empty
 * @param resource the resourcepart or {@code null}
 */
public record Jid(String local, String domain, String resource) {

    private static final int MAX_PART_BYTES = 1023;

    public Jid {
        if (domain == null || domain.isEmpty()) {
            throw new IllegalArgumentException("a JID needs a domainpart");
        }
    }

    // Spelled out, as the record's own would be (the components in order, 31 * h + hash): the generated ones run
    // through method handles, slow in a fresh JVM's interpreter and costly to compile, and a replay hashes JIDs once per
    // record (issue 10's start-up).
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Jid j && java.util.Objects.equals(local, j.local) && domain.equals(j.domain)
                && java.util.Objects.equals(resource, j.resource);
    }

    @Override
    public int hashCode() {
        return (31 * java.util.Objects.hashCode(local) + domain.hashCode()) * 31 + java.util.Objects.hashCode(resource);
    }

    /** The address, or {@code null} when {@code s} is not a JID (RFC 7622 §3.1). */
    public static Jid parse(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        int slash = s.indexOf('/');
        String resource = slash < 0 ? null : s.substring(slash + 1);
        String rest = slash < 0 ? s : s.substring(0, slash);
        int at = rest.indexOf('@');
        String local = at < 0 ? null : rest.substring(0, at);
        String domain = at < 0 ? rest : rest.substring(at + 1);
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1); // RFC 7622 §3.2: a trailing dot is stripped
        }
        if (domain.startsWith(".") || domain.endsWith(".") || domain.contains("..")) {
            // RFC 7622 §3.2 (a DNS domain name, RFC 5890): no empty label. Without this, "b.." parsed as "b." and
            // printed as a JID that parses differently again (a Jazzer finding in the event-codec round trip).
            return null;
        }
        if (!part(domain) || (local != null && !part(local)) || (resource != null && !part(resource))) {
            return null;
        }
        if (domain.indexOf('@') >= 0 || (local != null && (local.contains("\"") || local.contains("&")
                || local.contains("'") || local.contains(":") || local.contains("<") || local.contains(">")))) {
            return null; // RFC 7622 §3.3.1: characters the localpart cannot carry
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F || Character.isWhitespace(c) && (resource == null || i < slash)) {
                return null;
            }
        }
        return new Jid(local, domain.toLowerCase(java.util.Locale.ROOT), resource);
    }

    private static boolean part(String p) {
        return !p.isEmpty() && p.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_PART_BYTES;
    }

    /** The bare JID {@code local@domain} (RFC 6120 §1.4). */
    public Jid bare() {
        return resource == null ? this : new Jid(local, domain, null);
    }

    /** Whether this JID has a resourcepart. */
    public boolean isFull() {
        return resource != null;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (local != null) {
            sb.append(local).append('@');
        }
        sb.append(domain);
        if (resource != null) {
            sb.append('/').append(resource);
        }
        return sb.toString();
    }
}
