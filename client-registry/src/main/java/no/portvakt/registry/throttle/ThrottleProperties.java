package no.portvakt.registry.throttle;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code portvakt.throttle.*}: how many failed client authentications a client, or a source address, may have in
 * one window before further attempts are refused for a while, right or wrong.
 *
 * @param failuresPerClient   failures of one client_id in a window
 * @param failuresPerAddress  failures from one source address in a window, whatever the client
 * @param window              the counting window
 * @param block               how long attempts are refused once a limit is reached
 * @param syncInterval        how often an instance reads the blocks the others recorded
 * @param exemptAddresses     addresses neither counted nor refused (a portal backend behind the same NAT; tests)
 */
@ConfigurationProperties("portvakt.throttle")
public record ThrottleProperties(@DefaultValue("20") int failuresPerClient,
                                 @DefaultValue("50") int failuresPerAddress,
                                 @DefaultValue("1m") Duration window,
                                 @DefaultValue("1m") Duration block,
                                 @DefaultValue("1s") Duration syncInterval,
                                 @DefaultValue List<String> exemptAddresses) {
}
