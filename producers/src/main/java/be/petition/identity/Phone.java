package be.petition.identity;

import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/** A valid phone number in E.164 form ({@code +32470123456}) and its parsed form, for the region lookup. */
public record Phone(String e164, PhoneNumber parsed) {
}
