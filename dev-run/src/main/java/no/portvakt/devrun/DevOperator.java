package no.portvakt.devrun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import no.portvakt.registry.console.Administrators;
import org.springframework.context.ApplicationContext;

/**
 * The dev run's way into the operators' console: an administrator {@value #USERNAME}, created on the first run
 * (as the admin API creates one), whose password and TOTP enrolment link are kept beside the dev run's secrets
 * and told on every run, so a newcomer logs in without reading the admin API's guide or computing a code by
 * hand: the link opens an authenticator app (or paste its secret into one).
 */
final class DevOperator {

    static final String USERNAME = "operator";

    private DevOperator() {
    }

    /** What to tell the developer: the console, the account, its password and its enrolment link. */
    static String announce(ApplicationContext portvakt, Path file) {
        String issuer = portvakt.getEnvironment().getRequiredProperty("portvakt.issuer");
        Optional<Administrators.Enrollment> created = portvakt.getBean(Administrators.class)
                .create(USERNAME, "admin", null, "dev run", "Portvakt%20dev");
        try {
            if (created.isPresent()) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.deleteIfExists(file);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, """
                        username: %s
                        password: %s
                        totp enrolment link: %s
                        """.formatted(USERNAME, created.get().password(), created.get().otpauthUri()),
                        StandardOpenOption.WRITE);
            }
            String account = Files.exists(file) ? Files.readString(file)
                    : "(the account '" + USERNAME + "' was made before and its password is gone: delete "
                    + file.getParent() + " for a fresh dev database)\n";
            return "Operators' console: " + issuer + "/console\n" + account
                    + "Open the link on a device with an authenticator app (or add its secret by hand) for the"
                    + " six-digit code.\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
