package be.petition.identity;

/** An identity (phone, e-mail, install id) that cannot be used. The message is the reason; it never repeats the value. */
public final class InvalidIdentityException extends IllegalArgumentException {
    public InvalidIdentityException(String reason) {
        super(reason);
    }
}
