package no.portvakt.pvk.settings;

import no.portvakt.pvk.SettingChange;

/** Published inside the change's transaction; listeners that act after its commit see it stored. */
public record PrivacySettingChanged(SettingChange change) {
}
