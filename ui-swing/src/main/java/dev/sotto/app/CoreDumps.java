package dev.sotto.app;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Turns off core dumps for this process before any secret exists in memory.
 *
 * <p>A core file is a copy of the heap on disk: unlocked vault keys, passphrase characters that have
 * not been zeroed yet, decrypted messages. DESIGN.md ("Secrets") asks the launcher to disable core
 * dumps where it can. On Linux and macOS this sets {@code RLIMIT_CORE} to 0 (soft and hard), so
 * neither this process nor anything it starts can raise it again; {@code setrlimit(2)}, POSIX.1-2008.
 * Elsewhere (Windows) there is no such limit and the call reports that it did nothing.
 */
public final class CoreDumps {

    /** {@code RLIMIT_CORE} from {@code <sys/resource.h>}: 4 on Linux (all architectures) and on macOS. */
    private static final int RLIMIT_CORE = 4;

    private CoreDumps() {
    }

    /** The C library calls used here; {@code struct rlimit} is two {@code rlim_t} (unsigned 64-bit) values. */
    private interface CLibrary extends Library {
        int setrlimit(int resource, long[] rlimit);

        int getrlimit(int resource, long[] rlimit);
    }

    /**
     * Sets the core-file size limit to zero.
     *
     * @return true when the limit is now zero; false on platforms without {@code setrlimit} or when the
     *     call failed (the process keeps running: a missing hardening step must not stop the user)
     */
    public static boolean disable() {
        if (!(Platform.isLinux() || Platform.isMac())) {
            return false;
        }
        try {
            CLibrary c = Native.load("c", CLibrary.class);
            if (c.setrlimit(RLIMIT_CORE, new long[] {0L, 0L}) != 0) {
                return false;
            }
            return currentLimit(c) == 0L;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false;
        }
    }

    /** The soft core-file size limit as the C library reports it, or -1 where it cannot be read. */
    public static long softLimit() {
        if (!(Platform.isLinux() || Platform.isMac())) {
            return -1L;
        }
        try {
            return currentLimit(Native.load("c", CLibrary.class));
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return -1L;
        }
    }

    private static long currentLimit(CLibrary c) {
        long[] limit = new long[2];
        return c.getrlimit(RLIMIT_CORE, limit) == 0 ? limit[0] : -1L;
    }
}
