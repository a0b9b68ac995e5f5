package no.portvakt.devrun;

import java.nio.file.Path;
import no.demohelse.video.DemoPartnerApplication;
import no.portvakt.server.PortvaktApplication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The one-command dev run ({@code ./mvnw -pl dev-run -am spring-boot:run}): Portvakt with its dev profile
 * (embedded PostgreSQL, demo data, TestID) on {@code PORT} (8080), then the demo partner on
 * {@code DEMO_PARTNER_PORT} (8081), each URL derived from its port, so the whole SSO handoff can be clicked through
 * in a browser. A module of its own: the demo partner is a partner's code, and depends on nothing of Portvakt's.
 */
public final class DevRun {

    private static final Logger log = LoggerFactory.getLogger(DevRun.class);

    private DevRun() {
    }

    public static void main(String[] args) {
        ConfigurableApplicationContext portvakt = new SpringApplicationBuilder(PortvaktApplication.class)
                .profiles("dev").run(args);
        String issuer = portvakt.getEnvironment().getRequiredProperty("portvakt.issuer");
        // One logging set-up per JVM: Portvakt's. The partner's start must not reset it.
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        ConfigurableApplicationContext partner = DemoPartnerApplication.start("--demo.portvakt-issuer=" + issuer);
        String partnerUrl = partner.getEnvironment().getRequiredProperty("demo.url");
        log.info("Demo partner (Demo Helse's video consultation): {}", partnerUrl);
        log.info("Try the SSO handoff: log in at {}/ , then choose Demo videokonsultasjon", issuer);
        // On the terminal, not in the log: the dev operator's password is for the developer's eyes only.
        System.out.print(DevOperator.announce(portvakt, Path.of(".portvakt", "dev-operator.txt")));
    }
}
