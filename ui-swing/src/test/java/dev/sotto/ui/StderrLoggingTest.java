package dev.sotto.ui;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The client's logging set up in code is what DESIGN.md, Secrets asks for: stderr only, WARN and above. */
class StderrLoggingTest {

    @Test
    void stderrAtWarnAndNothingElse() {
        LoggerContext context = new LoggerContext();
        StderrLogging logging = new StderrLogging();
        logging.setContext(context);
        assertThat(logging.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        List<Appender<?>> appenders = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(appenders::add);
        assertThat(appenders).hasSize(1);
        assertThat(appenders.get(0)).isInstanceOf(ConsoleAppender.class);
        assertThat(((ConsoleAppender<?>) appenders.get(0)).getTarget()).isEqualTo("System.err");
        assertThat(appenders.get(0).isStarted()).isTrue();
        assertThat(context.getLogger("dev.sotto.any").isInfoEnabled()).isFalse();
        assertThat(context.getLogger("dev.sotto.any").isWarnEnabled()).isTrue();
        context.stop();
    }

    @Test
    void logbackFindsItThroughTheServiceFile() {
        // This JVM's logging was set up by logback's own start-up, through the service file: without it (and with no
        // logback.xml left) logback would fall back to its BasicConfigurator, DEBUG to a console appender named "console".
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(root.getAppender("STDERR")).isInstanceOf(ConsoleAppender.class);
    }
}
