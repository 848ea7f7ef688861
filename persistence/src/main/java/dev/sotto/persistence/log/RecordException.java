package dev.sotto.persistence.log;

/** A record that cannot be authenticated or parsed. Carries a condition, never the record's bytes. */
final class RecordException extends Exception {
    private static final long serialVersionUID = 1L;

    RecordException(String condition) {
        super(condition, null, false, false);
    }
}
