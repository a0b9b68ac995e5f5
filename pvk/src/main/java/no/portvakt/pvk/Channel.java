package no.portvakt.pvk;

/** Through which door a change came in; recorded with every change. */
public enum Channel {
    /** The citizen (or their representative) on the citizen's page. */
    CITIZEN_PAGE("citizen_page"),
    /** An operator through Portvakt's admin API. */
    ADMIN_API("admin_api"),
    /** A partner that received the setting another way (a consent on paper), through PVK's partner API. */
    PARTNER_API("partner_api");

    private final String value;

    Channel(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Channel of(String value) {
        for (Channel channel : values()) {
            if (channel.value.equals(value)) {
                return channel;
            }
        }
        throw new IllegalArgumentException("unknown channel " + value);
    }
}
