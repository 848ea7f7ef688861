package dev.sotto.persistence.vault;

/**
 * Argon2id parameters (RFC 9106 §3.1). Stored in the clear in the key ring header and bounded when read
 * back, so a hostile key ring cannot make us allocate gigabytes or spin for hours.
 *
 * @param memoryKiB   memory size m in KiB
 * @param iterations  number of passes t
 * @param parallelism degree of parallelism p
 */
public record KdfParams(int memoryKiB, int iterations, int parallelism) {

    /** What a real vault uses: 64 MiB, three passes, one lane (RFC 9106 §4, second recommended option). */
    public static final KdfParams DEFAULT = new KdfParams(64 * 1024, 3, 1);

    /** Upper bounds accepted from disk. */
    static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
    static final int MAX_ITERATIONS = 64;
    static final int MAX_PARALLELISM = 16;

    public KdfParams {
        if (!inBounds(memoryKiB, iterations, parallelism)) {
            throw new IllegalArgumentException("Argon2id parameters out of bounds");
        }
    }

    /** Cheap parameters for tests only (DESIGN.md, CI budget): never for a user's vault. */
    public static KdfParams forTests() {
        return new KdfParams(64, 1, 1);
    }

    /** RFC 9106 §3.1: m is at least 8*p KiB. */
    static boolean inBounds(long memoryKiB, long iterations, long parallelism) {
        return parallelism >= 1 && parallelism <= MAX_PARALLELISM
                && iterations >= 1 && iterations <= MAX_ITERATIONS
                && memoryKiB >= 8L * parallelism && memoryKiB <= MAX_MEMORY_KIB;
    }
}
