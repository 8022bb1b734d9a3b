/**
 * What a server in front of Avalon needs to serve many users: API keys ({@link dev.avalon.tenants.KeyRing})
 * and one brain per tenant ({@link dev.avalon.tenants.TenantBrains}).
 */
package dev.avalon.tenants;
