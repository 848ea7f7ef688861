package dev.sotto.app.console;

/**
 * A console command added by another area (OTR, calls): gets the words after its name and the whole line (for
 * free text). A bad command throws {@link IllegalArgumentException} with a message that holds no secret; the
 * console prints it as an Error line.
 */
@FunctionalInterface
public interface ConsoleHandler {
    void run(String[] args, String line);
}
