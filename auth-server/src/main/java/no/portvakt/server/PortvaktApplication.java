package no.portvakt.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Portvakt: the OAuth 2 / OpenID Connect authorization server of the citizen health portal. */
@SpringBootApplication(scanBasePackages = "no.portvakt")
@ConfigurationPropertiesScan("no.portvakt")
@EnableScheduling
public class PortvaktApplication {

    public static void main(String[] args) {
        SpringApplication.run(PortvaktApplication.class, args);
    }
}
