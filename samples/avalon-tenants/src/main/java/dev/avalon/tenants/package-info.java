/**
 * What a server in front of Avalon needs to serve many users: API keys ({@link dev.avalon.tenants.KeyRing})
 * and one brain per tenant ({@link dev.avalon.tenants.TenantBrains}).
 *
 * <p>The implementations: {@link dev.avalon.tenants.FileKeyRing} keeps keys in one {@code keys.json}
 * outside every brain, as SHA-256 next to a public id ({@link dev.avalon.tenants.KeyFormat} says what a
 * key looks like); {@link dev.avalon.tenants.GitTenantBrains} keeps a git brain per tenant below a root
 * folder, opened with a {@link dev.avalon.tenants.BrainOpener}. Nothing is {@code null} unless its
 * documentation says so.
 */
package dev.avalon.tenants;
