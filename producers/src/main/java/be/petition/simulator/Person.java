package be.petition.simulator;

import be.petition.avro.IdentityKind;
import be.petition.avro.Language;
import be.petition.identity.EmailAddresses;

/**
 * A simulated signer. Mutable state (whether they signed, withdrew, have a request under way) is guarded by the
 * simulator's lock.
 *
 * @param phone E.164, or null
 * @param region the region the pipeline should count them in for a call (province, BE, or a country)
 * @param postalCode a Belgian postal code in their province, or null when they live abroad or only have a mobile
 */
final class Person {
    final int id;
    final String phone;
    final String callRegion;
    final String province;
    final String postalCode;
    final String email;
    final String installId;
    final Language language;
    /**
     * The identity the pipeline keys their signature by ("tel:…", "mailto:…", "app:…"), once they signed; the
     * latest one when they signed under two (a call, then online).
     */
    String signedAs;
    /** The first acknowledged signature of that identity, which duplicates and re-sends follow. */
    Planned firstRequest;
    boolean withdrawn;
    int inFlight;
    /** Computed once per person: normalising an address or hashing an identity costs more than a request. */
    private String emailIdentity;
    /** The signer key of each of their identities, by {@code IdentityKind} ordinal; for the direct-to-Kafka target. */
    final String[] signerKeys = new String[IdentityKind.values().length];

    /** "mailto:" and the normalised address, as the gateway makes it. */
    String emailIdentity() {
        if (emailIdentity == null) {
            emailIdentity = "mailto:" + EmailAddresses.normalise(email);
        }
        return emailIdentity;
    }

    Person(int id, String phone, String callRegion, String province, String postalCode, String email, String installId,
           Language language) {
        this.id = id;
        this.phone = phone;
        this.callRegion = callRegion;
        this.province = province;
        this.postalCode = postalCode;
        this.email = email;
        this.installId = installId;
        this.language = language;
    }
}
