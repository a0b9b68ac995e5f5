package no.portvakt.pvk.rules;

/** Which rule refused a change, with the rule in words (docs/pvk.md, "Who may change what"). */
public enum Refusal {
    UNKNOWN_PERSON("unknown_person", "The person is not known to the population register."),
    CONFIDENTIAL_ADDRESS("confidential_address",
            "Nobody with a confidential address (kode 6 or 7) represents or is represented."),
    NOT_REPRESENTED("not_represented",
            "The representation rules give the actor no right to act for this person today."),
    UNDER_16("under_16", "A person changes their own privacy settings from the age of 16."),
    OWN_DECISION("own_decision", "This setting is the person's own decision: no representative may change it."),
    TEEN_POLICY("teen_policy",
            "For a child of 12 to 15, a parent changes only the kinds of setting the policy allows."),
    ORDINARY_POWER_OF_ATTORNEY("ordinary_power_of_attorney",
            "An ordinary power of attorney never changes the giver's consents or reservations.");

    private final String code;
    private final String rule;

    Refusal(String code, String rule) {
        this.code = code;
        this.rule = rule;
    }

    /** The refusal's code in API answers and the citizen page's messages. */
    public String code() {
        return code;
    }

    /** The rule that refused, in words. */
    public String rule() {
        return rule;
    }
}
