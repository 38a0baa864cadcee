package be.petition.gateway;

/**
 * A request that counts once its address is proven: where the mail goes (the normalised address, whose owner the
 * signer key stands for) and what the link's token carries. The address lives only until the mail is sent.
 */
record PendingConfirmation(String address, ConfirmationToken.Claims claims) {
    @Override
    public String toString() {
        return "PendingConfirmation[" + claims.kind() + "]"; // never the address
    }
}
