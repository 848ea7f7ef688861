package dev.sotto.app.console;

import dev.sotto.engine.EngineOptions;
import dev.sotto.engine.SottoEngine;
import dev.sotto.persistence.log.LogTamperedException;
import dev.sotto.persistence.vault.Vault;
import dev.sotto.persistence.vault.VaultBusyException;
import dev.sotto.persistence.vault.WrongPassphraseException;
import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sotto console [--vault DIR]}: reads one command per line on stdin, writes every event as one JSON object
 * per line on stdout (issue 5). With {@code --vault}, the engine runs over that encrypted vault (created when
 * absent; passphrase from {@code SOTTO_PASSPHRASE} or a prompt without echo) and accounts, pins and rosters come
 * back at the next start; without it nothing outlives the process. Never touches AWT.
 */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = "Scriptable front end: one command per line on stdin, one JSON event per line on stdout.")
public final class ConsoleCommand implements Callable<Integer> {

    @Option(names = "--vault", paramLabel = "DIR",
            description = "Keep accounts and history in this encrypted vault (created when absent).")
    Path vault;

    @Override
    public Integer call() throws Exception {
        PrintStream stdout = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Vault opened = null;
        SottoEngine engine;
        if (vault != null) {
            char[] passphrase = readPassphrase();
            if (passphrase == null) {
                System.err.println("sotto console: no passphrase (set SOTTO_PASSPHRASE or run in a terminal)");
                return 2;
            }
            try {
                boolean exists = Files.exists(vault.resolve("keyring.bin"));
                opened = exists ? Vault.open(vault, passphrase) : Vault.create(vault, passphrase);
                engine = SottoEngine.open(opened.log(), EngineOptions.defaults());
            } catch (WrongPassphraseException e) {
                System.err.println("sotto console: wrong passphrase");
                closeQuietly(opened);
                return 2;
            } catch (VaultBusyException e) {
                System.err.println("sotto console: the vault is open in another process");
                return 1;
            } catch (LogTamperedException e) {
                System.err.println("sotto console: the log failed verification: " + e.getMessage());
                closeQuietly(opened);
                return 1;
            } finally {
                Arrays.fill(passphrase, '\0');
            }
        } else {
            engine = SottoEngine.inMemory(EngineOptions.defaults());
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            XmppConsole console = new XmppConsole(engine, line -> {
                synchronized (stdout) {
                    stdout.println(line);
                }
            });
            for (String line; !console.quitRequested() && (line = in.readLine()) != null; ) {
                console.handle(line);
            }
            if (!console.quitRequested()) {
                console.handle("quit");
            }
            engine.close(); // delivers the events still queued, then stops
            console.close();
        } finally {
            engine.close();
            closeQuietly(opened);
        }
        return 0;
    }

    private static void closeQuietly(Vault v) {
        if (v != null) {
            try {
                v.close();
            } catch (Exception e) {
                System.err.println("sotto console: closing the vault failed (" + e.getClass().getSimpleName() + ")");
            }
        }
    }

    private static char[] readPassphrase() {
        String env = System.getenv("SOTTO_PASSPHRASE");
        if (env != null) {
            return env.toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            return null;
        }
        return console.readPassword("Vault passphrase: ");
    }
}
