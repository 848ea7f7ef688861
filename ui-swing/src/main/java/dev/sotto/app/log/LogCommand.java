package dev.sotto.app.log;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sotto.persistence.log.LogTamperedException;
import dev.sotto.persistence.log.VerifyReport;
import dev.sotto.persistence.vault.KeyRingCorruptException;
import dev.sotto.persistence.vault.Vault;
import dev.sotto.persistence.vault.VaultException;
import dev.sotto.persistence.vault.WrongPassphraseException;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sotto log verify|stats DIR}: inspects an encrypted vault without changing a byte of it (the
 * vault is opened read-only: no lock file is created, the queue is not opened for writing).
 *
 * <p>Exit codes (issue 3): 0 intact (a torn tail is a warning, still 0), 1 tampering or a damaged key
 * ring, 2 wrong passphrase or usage error. The passphrase comes from {@code SOTTO_PASSPHRASE} (scripts)
 * or a prompt without echo. Never touches AWT.
 */
@Command(
        name = "log",
        mixinStandardHelpOptions = true,
        description = "Verify or describe an encrypted Sotto log (read-only).",
        subcommands = {LogCommand.Verify.class, LogCommand.Stats.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:intact (a torn tail is reported as a warning)", "1:tampering found or key ring damaged",
                "2:wrong passphrase or usage error"})
public final class LogCommand implements Callable<Integer> {
    static final int INTACT = 0;
    static final int TAMPERED = 1;
    static final int USAGE = 2;

    /** Where passphrases come from; replaceable so tests need no terminal. */
    static Supplier<char[]> passphraseSource = LogCommand::readPassphrase;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    static char[] readPassphrase() {
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

    /** Shared by both subcommands: open read-only, report, map failures to exit codes. */
    abstract static class Inspect implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "The vault directory.")
        Path dir;

        @Option(names = "--json", description = "Print one JSON object instead of text.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (!Files.isDirectory(dir)) {
                err.println("sotto log: not a directory: " + dir);
                return USAGE;
            }
            char[] passphrase = passphraseSource.get();
            if (passphrase == null) {
                err.println("sotto log: no passphrase (set SOTTO_PASSPHRASE or run in a terminal)");
                return USAGE;
            }
            try (Vault vault = Vault.openReadOnly(dir, passphrase)) {
                VerifyReport report = vault.log().openReport();
                print(report, out);
                report.tornTailAt().ifPresent(p ->
                        err.println("warning: torn tail at position " + p + " (a crash mid-append; the next writer acknowledges it)"));
                return report.intact() ? INTACT : TAMPERED;
            } catch (WrongPassphraseException e) {
                err.println("sotto log: wrong passphrase");
                return USAGE;
            } catch (KeyRingCorruptException | LogTamperedException e) {
                err.println("sotto log: " + e.getMessage());
                return TAMPERED;
            } catch (VaultException e) {
                err.println("sotto log: " + e.getMessage());
                return USAGE;
            } catch (IOException e) {
                err.println("sotto log: cannot read the vault: " + e.getClass().getSimpleName());
                return USAGE;
            } finally {
                Arrays.fill(passphrase, '\0');
                out.flush();
                err.flush();
            }
        }

        abstract void print(VerifyReport report, PrintWriter out);

        ObjectNode toJson(VerifyReport r) {
            ObjectNode n = new ObjectMapper().createObjectNode();
            n.put("records", r.records());
            n.put("documents", r.documents());
            n.put("events", r.events());
            n.put("streams", r.liveStreams());
            n.put("shreddedStreams", r.shreddedStreams());
            n.put("shreddedRecords", r.shreddedRecords());
            n.put("anchor", r.anchorCount());
            n.put("chain", r.intact() ? "intact" : "tampered");
            r.tamperedAt().ifPresent(p -> n.put("tamperedAt", p));
            if (!r.intact()) {
                n.put("condition", r.condition());
            }
            r.tornTailAt().ifPresent(p -> n.put("tornTailAt", p));
            n.put("recoveredTorn", r.recoveredTorn());
            return n;
        }

        static String chain(VerifyReport r) {
            return r.intact() ? "intact" : "TAMPERED at position " + r.tamperedAt().getAsLong() + ": " + r.condition();
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Authenticate every record and the chain; exit 1 on tampering.")
    static final class Verify extends Inspect {
        @Override
        void print(VerifyReport r, PrintWriter out) {
            if (json) {
                out.println(toJson(r));
                return;
            }
            out.println("chain: " + chain(r));
            out.println("records verified: " + r.records() + " of " + r.documents());
            out.println("torn tail: " + (r.tornTailAt().isPresent() ? "at position " + r.tornTailAt().getAsLong() : "none"));
        }
    }

    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Records, streams, shredded streams, chain status, torn tail.")
    static final class Stats extends Inspect {
        @Override
        void print(VerifyReport r, PrintWriter out) {
            if (json) {
                out.println(toJson(r));
                return;
            }
            out.println("records: " + r.records() + " (" + r.events() + " events)");
            out.println("streams: " + r.liveStreams());
            out.println("shredded streams: " + r.shreddedStreams() + " (" + r.shreddedRecords() + " unreadable records)");
            out.println("anchored records: " + r.anchorCount());
            out.println("chain: " + chain(r));
            out.println("torn tail: " + (r.tornTailAt().isPresent() ? "at position " + r.tornTailAt().getAsLong() : "none"));
            if (r.recoveredTorn() > 0) {
                out.println("recovered torn records: " + r.recoveredTorn());
            }
        }
    }

    /** For picocli's usage output only. */
    @Override
    public String toString() {
        return "LogCommand";
    }

    static CommandLine commandLine() {
        return new CommandLine(new LogCommand());
    }
}
