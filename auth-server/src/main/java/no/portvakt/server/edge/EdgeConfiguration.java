package no.portvakt.server.edge;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * What every request meets at the edge, before and after any endpoint: its ids in the log, the NUL check, the body of a challenge, and
 * Portvakt's answer to what Tomcat refuses before the application sees it.
 */
@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

    /** First: every log line written for the request names it. */
    @Bean
    FilterRegistrationBean<RequestCorrelation> requestCorrelation() {
        FilterRegistrationBean<RequestCorrelation> registration = new FilterRegistrationBean<>(
                new RequestCorrelation());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Right after the character encoding is set (the filter reads parameters), before sessions and security. */
    @Bean
    FilterRegistrationBean<NulCharacterFilter> nulCharacterFilter(RequestLimits properties) {
        FilterRegistrationBean<NulCharacterFilter> registration = new FilterRegistrationBean<>(
                new NulCharacterFilter(Math.toIntExact(properties.maxJsonBody().toBytes())));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** Around the security filters, so that their challenges pass through it. */
    @Bean
    FilterRegistrationBean<ChallengeBodies> challengeBodies() {
        FilterRegistrationBean<ChallengeBodies> registration = new FilterRegistrationBean<>(new ChallengeBodies());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    /**
     * The application's connection pool behind {@link FailFastConnections}: every user of the {@code DataSource}
     * (statements, sessions, health) gets the fail-fast one.
     */
    @Bean
    static BeanPostProcessor failFastConnections(ObjectProvider<MeterRegistry> meters,
                                                 @Value("${portvakt.database.fail-fast-for:1s}") Duration openFor) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof HikariDataSource pool
                        ? new FailFastConnections(pool, openFor, meters) : bean;
            }
        };
    }

    /** Around sessions and security, which may need the database themselves. */
    @Bean
    FilterRegistrationBean<DatabaseUnavailable> databaseUnavailable(ThymeleafViewResolver views,
                                                                    MeterRegistry meters) {
        FilterRegistrationBean<DatabaseUnavailable> registration = new FilterRegistrationBean<>(
                new DatabaseUnavailable(views, meters));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return registration;
    }

    /**
     * The host's error report (Tomcat adds it when the host starts, after Spring Boot's own, so it answers first
     * and Spring Boot's finds the error already reported).
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> serverErrorReport() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ServerErrorReport.class.getName());
            }
        });
    }
}
