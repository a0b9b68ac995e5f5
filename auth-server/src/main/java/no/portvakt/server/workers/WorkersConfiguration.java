package no.portvakt.server.workers;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Tomcat serves every request from the {@link RequestWorkers} ({@code portvakt.workers.*}). */
@Configuration(proxyBeanMethods = false)
class WorkersConfiguration {

    @Bean(destroyMethod = "shutdown")
    RequestWorkers requestWorkers(WorkersProperties properties) {
        WorkersProperties settings = properties;
        int workers = settings.count() > 0 ? settings.count() : Runtime.getRuntime().availableProcessors() + 1;
        return new RequestWorkers(workers, settings.max(), settings.stallTimeout());
    }

    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> tomcatOnRequestWorkers(RequestWorkers workers) {
        return factory -> factory.addProtocolHandlerCustomizers(handler -> handler.setExecutor(workers));
    }
}
