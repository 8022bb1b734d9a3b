package dev.avalon.tenants;

/** A tenant's brain cannot be opened now; a server answers 503. */
public final class TenantUnavailableException extends RuntimeException {
    public TenantUnavailableException(String tenant, Throwable cause) {
        super("the brain of tenant " + tenant + " cannot be opened: " + cause.getMessage(), cause);
    }
}
