package no.portvakt.server.login;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import tools.jackson.databind.module.SimpleModule;

/**
 * How a {@link CitizenAuthentication} is written into a stored authorization (the framework keeps the principal
 * as JSON in {@code oauth2_authorization.attributes}): only the {@link Citizen}, nothing of the session.
 */
public final class CitizenJson {

    private CitizenJson() {
    }

    /** Lets the framework's polymorphic type validator accept the citizen types. */
    public static BasicPolymorphicTypeValidator.Builder allow(BasicPolymorphicTypeValidator.Builder builder) {
        return builder.allowIfSubType(CitizenAuthentication.class).allowIfSubType(Citizen.class);
    }

    public static SimpleModule module() {
        SimpleModule module = new SimpleModule("portvakt-citizen");
        module.setMixInAnnotation(CitizenAuthentication.class, CitizenAuthenticationMixin.class);
        return module;
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE,
            getterVisibility = JsonAutoDetect.Visibility.NONE,
            isGetterVisibility = JsonAutoDetect.Visibility.NONE)
    @JsonIgnoreProperties(ignoreUnknown = true)
    abstract static class CitizenAuthenticationMixin {

        @JsonProperty("citizen")
        private Citizen citizen;

        @JsonCreator
        CitizenAuthenticationMixin(@JsonProperty("citizen") Citizen citizen) {
        }
    }
}
