package no.portvakt.server.support;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A database of a test's own on the suite's PostgreSQL server (embedded or CI's), for an instance whose changes must
 * not reach the suite's one (its keys, its schema's history); dropped on close.
 *
 * @param url  its JDBC URL
 * @param user the suite's account
 */
public record ScratchDatabase(JdbcClient suite, String name, String url, String user) implements AutoCloseable {

    /** Creates one named {@code prefix} and a random suffix, beside the suite's ({@code suiteUrl} names it). */
    public static ScratchDatabase create(JdbcClient suite, String suiteUrl, String user, String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "");
        suite.sql("create database " + name).update();
        return new ScratchDatabase(suite, name, suiteUrl.replaceFirst("/postgres(\\?|$)", "/" + name + "$1"), user);
    }

    /** Command-line arguments giving an instance this database. */
    public String[] arguments() {
        return new String[] {"--spring.datasource.url=" + url, "--spring.datasource.username=" + user};
    }

    @Override
    public void close() {
        suite.sql("drop database if exists " + name).update();
    }
}
