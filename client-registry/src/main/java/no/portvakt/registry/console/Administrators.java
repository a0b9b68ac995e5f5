package no.portvakt.registry.console;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Repository;

/**
 * The admin console's accounts: created by an operator (admin API), each with a generated password and a TOTP
 * secret shown once, so no account exists without a second factor. After five failed logins an account is locked
 * for 15 minutes.
 */
@Repository
public class Administrators {

    public static final Set<String> ROLES = Set.of("admin", "auditor", "partner");
    static final int MAX_FAILURES = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the new administrator needs to log in: shown once. */
    public record Enrollment(String username, String role, String password, String totpSecret, String otpauthUri) {
    }

    /** An account as the login sees it. */
    record Account(String username, String passwordHash, byte[] totpSecret, String role, String partnerId,
                   long lastStep, Instant lockedUntil) {
    }

    private final JdbcClient jdbc;
    private final SecretSealer sealer;
    private final BCryptPasswordEncoder passwords = new BCryptPasswordEncoder(12);

    Administrators(JdbcClient jdbc, SecretSealer sealer) {
        this.jdbc = jdbc;
        this.sealer = sealer;
    }

    /** Creates an account ({@code partnerId} for role partner only); empty if the username is taken. */
    public Optional<Enrollment> create(String username, String role, String partnerId, String createdBy,
                                       String issuerName) {
        byte[] secret = new byte[20];
        RANDOM.nextBytes(secret);
        byte[] raw = new byte[18];
        RANDOM.nextBytes(raw);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        SecretSealer.Sealed sealed = sealer.seal(secret, totpContext(username));
        int rows = jdbc.sql("""
                insert into administrator (username, password_hash, totp_secret, totp_kek_id, role, partner_id,
                    created_by)
                values (?, ?, ?, ?, ?, ?, ?) on conflict (username) do nothing
                """).params(username, passwords.encode(password), sealed.bytes(), sealed.kekId(), role, partnerId,
                createdBy).update();
        if (rows == 0) {
            return Optional.empty();
        }
        String base32 = Totp.base32(secret);
        String uri = "otpauth://totp/" + issuerName + ":" + username + "?secret=" + base32 + "&issuer=" + issuerName
                + "&algorithm=SHA1&digits=6&period=30";
        return Optional.of(new Enrollment(username, role, password, base32, uri));
    }

    Optional<Account> account(String username) {
        return jdbc.sql("select * from administrator where username = ?").param(username)
                .query((rs, n) -> new Account(rs.getString("username"), rs.getString("password_hash"),
                        sealer.open(new SecretSealer.Sealed(rs.getString("totp_kek_id"), rs.getBytes("totp_secret")),
                                totpContext(rs.getString("username"))),
                        rs.getString("role"), rs.getString("partner_id"), rs.getLong("last_totp_step"),
                        rs.getTimestamp("locked_until") == null ? null : rs.getTimestamp("locked_until").toInstant()))
                .optional();
    }

    /**
     * Seals every TOTP secret sealed under an earlier key-encryption key again under the current one; the number
     * sealed again. A row changed meanwhile (its KEK no longer the one read) is left to the next run.
     */
    public int resealUnderCurrentKek() {
        record Stored(String username, SecretSealer.Sealed sealed) {
        }
        int resealed = 0;
        List<Stored> earlier = jdbc.sql(
                        "select username, totp_secret, totp_kek_id from administrator where totp_kek_id <> ?")
                .param(sealer.currentKekId()).query((rs, n) -> new Stored(rs.getString(1),
                        new SecretSealer.Sealed(rs.getString(3), rs.getBytes(2)))).list();
        for (Stored row : earlier) {
            String context = totpContext(row.username());
            SecretSealer.Sealed sealed = sealer.seal(sealer.open(row.sealed(), context), context);
            resealed += jdbc.sql("""
                    update administrator set totp_secret = ?, totp_kek_id = ? where username = ? and totp_kek_id = ?
                    """).params(sealed.bytes(), sealed.kekId(), row.username(), row.sealed().kekId()).update();
        }
        return resealed;
    }

    /** How many TOTP secrets are sealed under each key-encryption key. */
    public Map<String, Long> sealedPerKek() {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.sql("select totp_kek_id, count(*) from administrator group by totp_kek_id")
                .query((RowCallbackHandler) rs -> counts.put(rs.getString(1), rs.getLong(2)));
        return counts;
    }

    private static String totpContext(String username) {
        return "totp:" + username;
    }

    boolean passwordMatches(Account account, String password) {
        return password != null && passwords.matches(password, account.passwordHash());
    }

    /** Records a good login at {@code step}; false when that step (or a later one) was used already: a replay. */
    boolean succeeded(String username, long step) {
        return jdbc.sql("""
                update administrator set last_totp_step = ?, failed_logins = 0, locked_until = null
                where username = ? and last_totp_step < ?
                """).params(step, username, step).update() == 1;
    }

    void failed(String username) {
        jdbc.sql("""
                update administrator set failed_logins = failed_logins + 1,
                    locked_until = case when failed_logins + 1 >= ? then now() + interval '15 minutes' end
                where username = ?
                """).params(MAX_FAILURES, username).update();
    }
}
