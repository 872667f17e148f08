package fr.maillon.database;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A password kept in a file of its own, readable by its owner only (mode 0600): generated at random
 * the first time (32 bytes, URL-safe Base64 on one line), read back afterwards. The file is written
 * beside its final name and renamed, so a crash never leaves half a secret.
 */
final class SecretFile {

    private static final Logger log = LoggerFactory.getLogger(SecretFile.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretFile() {
    }

    static String readOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            create(file);
        }
        restrict(file);
        String secret = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (secret.isEmpty() || secret.contains("\n") || secret.contains("\r")) {
            throw new IllegalStateException("Le fichier secret " + file + " doit tenir sur une ligne non vide : "
                    + "restaurez-le depuis une sauvegarde du dossier de données.");
        }
        return secret;
    }

    private static void create(Path file) throws IOException {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        try {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        catch (UnsupportedOperationException ex) {
            Files.createFile(temporary);
        }
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap((secret + "\n").getBytes(StandardCharsets.US_ASCII)));
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        log.info("Generated the database secret {}", file);
    }

    private static void restrict(Path file) throws IOException {
        try {
            if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                log.warn("{} could be read by others: its mode is set back to 0600", file);
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
        }
        catch (UnsupportedOperationException ex) {
            log.debug("No POSIX permissions on this file system; {} keeps its defaults", file);
        }
    }
}
