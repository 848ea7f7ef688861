package dev.sotto.app.console;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;

/**
 * {@code sotto console}: reads one command per line on stdin, writes every event as one JSON object per line on
 * stdout (issue 5). Never touches AWT. Accounts are kept in memory for the session; the vault is not wired yet.
 */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = "Scriptable front end: one command per line on stdin, one JSON event per line on stdout.")
public final class ConsoleCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        PrintStream stdout = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        EventLoopGroup group = new NioEventLoopGroup(1);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            XmppConsole console = new XmppConsole(group, stdout::println);
            for (String line; !console.quitRequested() && (line = in.readLine()) != null; ) {
                console.handle(line);
            }
            if (!console.quitRequested()) {
                console.handle("quit");
            }
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        return 0;
    }
}
