package no.portvakt.ui;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;

/** The citizen's pages: templates under {@code templates/}, messages under {@code i18n/}, CSS under {@code static/}. */
@Configuration(proxyBeanMethods = false)
@ComponentScan
public class ConsentUiConfiguration {

    /** The bean name Spring MVC looks up. */
    @Bean(name = "localeResolver")
    public LocaleResolver localeResolver() {
        return new UiLocaleResolver();
    }
}
