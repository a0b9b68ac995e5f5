package no.portvakt.server.edge;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code portvakt.requests.*}: limits on what a request may carry.
 *
 * @param maxJsonBody the largest JSON body any endpoint reads (the admin API's citizen import is the largest)
 */
@ConfigurationProperties("portvakt.requests")
record RequestLimits(@DefaultValue("1MB") DataSize maxJsonBody) {
}
